import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { pause } from '@app/event-store';
import {
  describeWithPrivatePostgres,
  type PrivatePostgres,
  startPrivatePostgres,
} from '@test/support/private-postgres';
import { type AppProcess, freePort, startApp, waitForReady } from './app-process';
import { buildImageTree } from './image-tree';

jest.setTimeout(120_000);

/** A stack frame line, as an error's stack prints it. */
const STACK_LINE = /^\s+at /;

/**
 * The start-up rule: a database or store not reachable at start is tried again for up to 10 s;
 * then the process exits 1 with one line naming the variable and the cause (no stack, not
 * twice). A server that comes up within those 10 s is simply used.
 */
describeWithPrivatePostgres('start-up with a database or store not reachable', () => {
  const secret = randomBytes(32).toString('hex');
  let tree = '';
  let server: PrivatePostgres | undefined;
  const started: AppProcess[] = [];

  beforeAll(async () => {
    tree = buildImageTree('start-up');
    server = await startPrivatePostgres();
  });

  afterAll(async () => {
    for (const app of started) await app.stop();
    await server?.destroy();
    if (tree !== '') rmSync(tree, { recursive: true, force: true });
  });

  const run = (app: 'api' | 'projector', env: Record<string, string>): AppProcess => {
    const child = startApp(app, tree, { JWT_SECRET: secret, LOG_LEVEL: 'warn', ...env });
    started.push(child);
    return child;
  };

  /** What the process wrote on stderr, line by line (stdout carries the waiting notice). */
  const stderrLines = (app: AppProcess): Promise<string[]> =>
    new Promise((resolve) => {
      let text = '';
      app.child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
      app.child.once('exit', () => resolve(text.split('\n').filter((line) => line !== '')));
    });

  it('exits after 10 s with one line naming DATABASE_URL or EVENTSTORE_URL and the cause; uses a server that comes up in time', async () => {
    if (server === undefined) throw new Error('no server');
    const nothing = await freePort();
    const postgresDown = run('api', {
      EVENT_STORE: 'postgres',
      READ_MODEL_STORE: 'postgres',
      DATABASE_URL: `postgres://app:secret-password@127.0.0.1:${nothing}/sessions`,
      PORT: String(await freePort()),
    });
    const esdbDown = run('projector', {
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_URL: `esdb://127.0.0.1:${nothing}?tls=false`,
      READ_MODEL_STORE: 'postgres',
      DATABASE_URL: server.url(),
      PORT: String(await freePort()),
    });
    const postgresErrors = stderrLines(postgresDown);
    const esdbErrors = stderrLines(esdbDown);

    // The third process starts while its server is down.
    await server.stop('fast');
    const apiPort = await freePort();
    const late = run('api', {
      EVENT_STORE: 'postgres',
      READ_MODEL_STORE: 'postgres',
      DATABASE_URL: server.url(),
      PORT: String(apiPort),
    });
    // It says it waits (stdout), and keeps waiting; then the server comes up.
    const waiting = `Waiting for DATABASE_URL (PostgreSQL at 127.0.0.1:${server.port}/postgres)`;
    while (!late.output().includes(waiting)) {
      if (late.child.exitCode !== null) throw new Error(`exited:\n${late.output()}`);
      await pause(100);
    }
    await server.start();
    await waitForReady(late, `http://127.0.0.1:${apiPort}/health/ready`, 30_000);

    expect(await postgresDown.exited()).toBe(1);
    expect(await postgresErrors).toEqual([
      `API failed to start: DATABASE_URL: PostgreSQL at 127.0.0.1:${nothing}/sessions unreachable for 10 s: connect ECONNREFUSED 127.0.0.1:${nothing}`,
    ]);
    expect(await esdbDown.exited()).toBe(1);
    const esdbLines = await esdbErrors;
    expect(esdbLines).toHaveLength(1);
    expect(esdbLines[0]).toMatch(
      new RegExp(
        `^Projector failed to start: EVENTSTORE_URL: EventStoreDB at 127\\.0\\.0\\.1:${nothing} unreachable for 10 s: .*ECONNREFUSED 127\\.0\\.0\\.1:${nothing}`,
      ),
    );
    for (const line of [...(await postgresErrors), ...esdbLines]) {
      expect(line).not.toMatch(STACK_LINE);
      expect(line).not.toContain('secret-password');
    }
  });
});
