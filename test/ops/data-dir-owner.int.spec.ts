import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR_LOCK_FILE, type DataDirHolder } from '@app/event-store/embedded';
import { DEV_JWT_SECRET, signDevToken } from '@app/platform';
import { COMMANDS } from '../../apps/cli/src/commands';
import { runCli } from '../../apps/cli/src/run-cli';
import { recordingIo } from '../../apps/cli/src/testing/recording-io';
import { type AppProcess, freePort, startApp, waitForReady } from './app-process';
import { firstLoadDay, loadWindow } from './command-load';
import { buildImageTree } from './image-tree';

jest.setTimeout(180_000);

const SESSIONS = 6;

/**
 * The embedded default's DATA_DIR belongs to one process (the issue: a second app, or the CLI
 * without PORT, opened the PGlite files the app was using, which then answered 500 and would not
 * start again). The apps run as the image runs them; the CLI runs in this process.
 */
describe('one owner per embedded DATA_DIR', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'data-dir-owner-'));
  const lockFile = join(dataDir, DATA_DIR_LOCK_FILE);
  let tree = '';
  let port = 0;
  let token = '';
  const started: AppProcess[] = [];
  let app: AppProcess | undefined;
  const sessions: string[] = [];
  const firstDay = firstLoadDay();
  const base = () => `http://127.0.0.1:${port}`;

  const start = async (): Promise<AppProcess> => {
    const child = startApp('api', tree, {
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    started.push(child);
    await waitForReady(child, `${base()}/health/ready`);
    return child;
  };

  const lock = (): DataDirHolder => JSON.parse(readFileSync(lockFile, 'utf8')) as DataDirHolder;

  /** What the app answers for our sessions: the calendar (read model) and each history (store). */
  const answers = async () => {
    const query = new URLSearchParams(loadWindow(firstDay));
    const calendar = await fetch(`${base()}/api/v1/calendar?${query.toString()}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await calendar.json()) as {
      sessions?: Array<{ sessionId: string; status: string }>;
    };
    const histories = await Promise.all(
      sessions.map(async (id) => {
        const response = await fetch(`${base()}/api/v1/sessions/${id}/history`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return response.status;
      }),
    );
    return {
      calendarStatus: calendar.status,
      calendar: (body.sessions ?? []).map((s) => `${s.sessionId}:${s.status}`).sort(),
      histories,
    };
  };

  const expected = () => ({
    calendarStatus: 200,
    calendar: sessions.map((id, i) => `${id}:${i % 2 === 0 ? 'cancelled' : 'scheduled'}`).sort(),
    histories: sessions.map(() => 200),
  });

  const cli = async (env: Record<string, string>, ...args: string[]) => {
    const io = recordingIo(env);
    const code = await runCli(args, COMMANDS, io);
    return { code, io };
  };

  beforeAll(async () => {
    tree = buildImageTree('data-dir-owner');
    port = await freePort();
    token = await signDevToken({ sub: 'owner-pro', role: 'professional' }, DEV_JWT_SECRET);
    app = await start();
    for (let i = 0; i < SESSIONS; i += 1) {
      const sessionId = randomUUID();
      sessions.push(sessionId);
      const scheduled = await fetch(`${base()}/api/v1/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          sessionId,
          professionalId: 'owner-pro',
          clientId: `client-${i}`,
          startsAt: new Date(firstDay + i * 3_600_000).toISOString(),
          durationMinutes: 50,
          fee: { amountMinor: 5000, currency: 'EUR' },
          payment: { kind: 'direct' },
        }),
      });
      expect(scheduled.status).toBe(201);
      if (i % 2 === 0) {
        const cancelled = await fetch(`${base()}/api/v1/sessions/${sessionId}/cancel`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ reason: 'cancelled-by-professional' }),
        });
        expect(cancelled.status).toBe(200);
      }
    }
  });

  afterAll(async () => {
    for (const child of started) await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (tree !== '') rmSync(tree, { recursive: true, force: true });
  });

  it('the lock names the app: pid, start time, and where it serves', () => {
    expect(lock()).toMatchObject({
      pid: app?.child.pid,
      app: 'api',
      address: '127.0.0.1',
      port,
    });
    expect(lock().startTime).toMatch(/^\d+$/);
  });

  it('refuses a second app on the same folder, in one line naming the holder', async () => {
    const second = startApp('api', tree, {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    });
    started.push(second);
    expect(await second.exited()).toBe(1);
    const lines = second.output().trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^API failed to start: DATA_DIR: ${dataDir} is held by the api \\(pid ${app?.child.pid} on host .*, serving http://127\\.0\\.0\\.1:${port}\\): stop it, or give this one another DATA_DIR$`,
        ),
      ),
    ]);
    expect(await answers()).toEqual(expected());
  });

  it('keeps the CLI with a wrong PORT out of the folder, doing its job through the app', async () => {
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()), LOG_LEVEL: 'silent' };
    const rebuild = await cli(env, 'projections', 'rebuild', 'calendar', '--json');
    expect(rebuild.io.stderr[0]).toBe(
      `projections: through the running app at http://127.0.0.1:${port} (it holds the embedded store)`,
    );
    expect(rebuild.code).toBe(0);
    expect(JSON.parse(rebuild.io.stdout[0])).toMatchObject([
      // Every session scheduled; half cancelled, each with its notification request.
      { projection: 'calendar', eventsDone: SESSIONS + SESSIONS },
    ]);
    const history = await cli(env, 'session', 'history', sessions[0], '--json');
    expect(history.code).toBe(0);
    // Scheduled, cancelled, notification requested.
    expect(JSON.parse(history.io.stdout[0])).toMatchObject({ kind: 'history', version: 2 });
    // The app still owns the folder, and its answers are whole.
    expect(lock().pid).toBe(app?.child.pid);
    expect(await answers()).toEqual(expected());
  });

  it('gives the folder up on a clean exit; after a restart the data is intact', async () => {
    expect(await app?.stop()).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
    app = await start();
    expect(lock().pid).toBe(app.child.pid);
    expect(await answers()).toEqual(expected());
  });

  it('takes over the lock a killed app left, with the data intact', async () => {
    const killed = app;
    killed?.child.kill('SIGKILL');
    await killed?.stop();
    // The dead app's lock is still there: stale, since its pid is gone.
    expect(lock().pid).toBe(killed?.child.pid);
    app = await start();
    expect(lock().pid).toBe(app.child.pid);
    expect(await answers()).toEqual(expected());
  });
});
