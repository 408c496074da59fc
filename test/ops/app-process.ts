import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pause } from '@app/event-store';
import { ROOT } from './image-tree';

export { freePort } from '@test/support/free-port';

export interface AppProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** What it printed, for failure messages. */
  output(): string;
  /** SIGTERM, then the exit code (or the signal's name). */
  stop(): Promise<number | string>;
  /** The exit code (or the signal's name) once it ends by itself. */
  exited(): Promise<number | string>;
}

/** A child process as the ops tests watch it: what it printed, and how it ended. */
export interface WatchedProcess {
  readonly child: ChildProcess;
  output(): string;
  exited(): Promise<number | string>;
}

export function watchProcess(child: ChildProcess): WatchedProcess {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, output: () => output, exited: () => exited };
}

/** An app started the way the image starts it: `node docker/entrypoint.js <app>`. */
export function startApp(app: string, tree: string, env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, [join(ROOT, 'docker', 'entrypoint.js'), app], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env, TS_NODE_BASEURL: tree },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const watched = watchProcess(child);
  const exited = watched.exited();
  return {
    name: app,
    ...watched,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls `url` until it answers 200, the process exits, or the deadline passes. */
export async function waitForReady(
  app: AppProcess,
  url: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`${app.name} exited:\n${app.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await pause(250);
  }
  throw new Error(`${app.name} not ready at ${url} within ${timeoutMs} ms:\n${app.output()}`);
}
