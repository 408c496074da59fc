import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForReady, watchProcess, type WatchedProcess } from './app-process';
import { ROOT } from './image-tree';

// The first start may compile the whole project.
jest.setTimeout(240_000);

/** `npm start` exactly as the README runs it, with this test's own port and DATA_DIR. */
function npmStart(env: Record<string, string>): WatchedProcess {
  return watchProcess(
    spawn('npm', ['start'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** The app's log records (JSON lines: its output is no terminal), requests left out. */
function appRecords(output: string): { msg: string; level: number }[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string; level: number })
    .filter((record) => record.msg !== 'request completed');
}

/** Whether anything accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits until the app is gone: nothing listens on its port, its DATA_DIR lock is removed. */
async function waitUntilStopped(port: number, lock: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await listening(port)) || existsSync(lock)) {
    if (Date.now() > deadline) throw new Error(`the app still runs ${timeoutMs} ms after kill`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers a wrong variable before building anything', async () => {
    const start = npmStart({ EVENT_STORE: 'bogus', DATA_DIR: dataDir });
    expect(await start.exited()).toBe(1);
    expect(start.output()).toContain('EVENT_STORE must be one of embedded, postgres, eventstoredb');
    expect(start.output()).not.toContain('Building');
  });

  it('names DATABASE_URL and the cause in one line when PostgreSQL cannot be reached in 10 s', async () => {
    const nothing = await freePort();
    const start = npmStart({
      EVENT_STORE: 'postgres',
      READ_MODEL_STORE: 'postgres',
      DATABASE_URL: `postgres://app:secret-password@127.0.0.1:${nothing}/sessions`,
      JWT_SECRET: 'a-test-secret-that-is-long-enough-for-hs256',
      PORT: String(await freePort()),
    });
    let stderr = '';
    start.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await start.exited()).toBe(1);
    expect(stderr.split('\n').filter((line) => line !== '')).toEqual([
      `API failed to start: DATABASE_URL: PostgreSQL at 127.0.0.1:${nothing}/sessions unreachable for 10 s: connect ECONNREFUSED 127.0.0.1:${nothing}`,
    ]);
    expect(start.output()).not.toContain('secret-password');
  });

  it('skips the build when nothing changed; `kill <npm pid>` or a hang-up stops the app gracefully', async () => {
    for (const run of ['first', 'second', 'hang-up']) {
      const port = await freePort();
      const start = npmStart({ PORT: String(port), DATA_DIR: dataDir });
      const app = { name: `npm start (${run})`, child: start.child, output: start.output };
      await waitForReady(
        { ...app, stop: start.exited, exited: start.exited },
        `http://127.0.0.1:${port}/health/live`,
        200_000,
      );
      // The second start follows a build of the same tree: nothing to compile.
      if (run === 'second') expect(start.output()).toContain('Build up to date: nothing changed');
      expect(existsSync(join(dataDir, 'owner.lock'))).toBe(true);

      if (run === 'hang-up') {
        // The terminal closed: the start script (npm's child, by `exec`) is hung up on, and
        // stops the app in its own process group as gracefully.
        const script = execFileSync('pgrep', ['-P', String(start.child.pid)], { encoding: 'utf8' });
        process.kill(Number(script.trim()), 'SIGHUP');
      } else {
        // What `kill $!` does after `npm start &`: SIGTERM to npm, not to the app.
        start.child.kill('SIGTERM');
      }
      expect(await start.exited()).toBe(0);
      // npm waits for the app: once npm is gone, so are the app's port and its lock.
      expect(await listening(port)).toBe(false);
      expect(existsSync(join(dataDir, 'owner.lock'))).toBe(false);

      // Not a terminal: JSON lines, the banner last of the start, one line for the stop.
      const records = appRecords(start.output());
      const messages = records.map((record) => record.msg);
      expect(messages.at(-2)).toMatch(/^API listening on http:\/\/localhost:\d+\/api\/v1/);
      expect(messages.at(-1)).toMatch(/^SIGTERM received: finishing the requests in flight/);
      // Nest's line a module and a route stay at debug.
      expect(messages.filter((message) => message.includes('dependencies initialized'))).toEqual(
        [],
      );
    }
  });

  it("runs the README's walkthrough as written (on another port), and its last step stops the app", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const walkthrough = /### Walkthrough[\s\S]*?```bash\n([\s\S]*?)```/.exec(readme)?.[1];
    if (walkthrough === undefined) throw new Error('no walkthrough in README.md');
    const port = await freePort();
    const script = walkthrough.replaceAll('localhost:3000', `localhost:${port}`);
    const walk = spawn('bash', ['-c', script], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: String(port),
        DATA_DIR: join(dataDir, 'walkthrough'),
        // The app shares the walkthrough's output: a request's log line can land between an answer
        // and the newline the next `echo` writes, gluing the two. The answers are what is checked.
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    walk.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    walk.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => walk.once('exit', resolve));
    expect({ code, output }).toMatchObject({ code: 0 });
    // Each answer as the README says: shown, and read by the next step through its variables.
    const answers = output
      .split('\n')
      .filter((line) => line.startsWith('{') && !line.includes('"level":'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const [methods, scheduled, cancelled, calendar, report, history, verification] = answers;
    expect(methods).toMatchObject({ methods: ['card', 'invoice'] });
    expect(cancelled).toMatchObject({ sessionId: scheduled?.sessionId, version: 3 });
    expect(JSON.stringify(cancelled)).toContain('"late":true');
    expect(calendar).toMatchObject({ position: cancelled?.position });
    expect(JSON.stringify(calendar)).toContain(String(scheduled?.sessionId));
    expect(report).toMatchObject({
      totals: { cancellationsByReason: { 'cancelled-by-client': 1 } },
    });
    expect(history).toMatchObject({ kind: 'history', version: 3 });
    // Right after the cancel its events may not be sealed yet: never called tampered.
    expect(verification).toMatchObject({ sessionId: scheduled?.sessionId, brokenLinks: [] });
    expect(['verified', 'not-yet-sealed']).toContain(verification?.outcome);
    // `kill $!` at the end: npm, then the app, are gone with the walkthrough.
    await waitUntilStopped(port, join(dataDir, 'walkthrough', 'owner.lock'));
  });
});
