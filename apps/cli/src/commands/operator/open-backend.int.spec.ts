import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DATA_DIR_LOCK_FILE,
  DataDirLock,
  type DataDirHolder,
  processStartTime,
} from '@app/event-store/embedded';
import { openOperatorBackend } from './open-backend';

/**
 * Which way the CLI reaches an embedded store: through the process that holds DATA_DIR (named in
 * its lock), never by opening a folder another process holds. The holders here are stand-ins:
 * lock files naming a live child process, as another app or CLI would write them.
 */
describe('which way the CLI reaches the embedded store', () => {
  const folders: string[] = [];
  const children: ChildProcess[] = [];
  const dataDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-backend-'));
    folders.push(dir);
    return dir;
  };

  /** A lock naming a live process (a sleeping child) as `holder` says. */
  const heldBy = (dir: string, holder: Partial<DataDirHolder>): DataDirHolder => {
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    children.push(child);
    const pid = child.pid ?? 0;
    const lock: DataDirHolder = {
      pid,
      startTime: processStartTime(pid),
      hostname: hostname(),
      app: 'api',
      since: new Date().toISOString(),
      ...holder,
    };
    writeFileSync(join(dir, DATA_DIR_LOCK_FILE), JSON.stringify(lock));
    return lock;
  };

  afterAll(() => {
    for (const child of children) child.kill();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('goes through the app the lock names, at the address it gives, whatever PORT says', async () => {
    const dir = dataDir();
    heldBy(dir, { address: '0.0.0.0', port: 47311 });
    const probed: string[] = [];
    const backend = await openOperatorBackend(
      { DATA_DIR: dir, PORT: '3999' },
      {
        probe: (url) => {
          probed.push(url);
          return Promise.resolve(true);
        },
      },
    );
    expect(probed).toEqual(['http://127.0.0.1:47311']);
    expect(backend.description).toBe(
      'through the running app at http://127.0.0.1:47311 (it holds the embedded store)',
    );
    await backend.close();
  });

  it('refuses, and opens nothing, when the holding app does not answer', async () => {
    const dir = dataDir();
    const holder = heldBy(dir, { address: '127.0.0.1', port: 47312 });
    await expect(
      openOperatorBackend({ DATA_DIR: dir }, { probe: () => Promise.resolve(false) }),
    ).rejects.toThrow(
      `is held by the api (pid ${holder.pid} on host ${hostname()}, since ${holder.since}, serving http://127.0.0.1:47312), which does not answer at http://127.0.0.1:47312; the CLI does not open a folder another process holds`,
    );
    expect(existsSync(join(dir, 'pglite'))).toBe(false);
  });

  it('refuses while another CLI command holds the folder, naming it', async () => {
    const dir = dataDir();
    const holder = heldBy(dir, { app: 'cli', command: 'projections rebuild calendar' });
    await expect(openOperatorBackend({ DATA_DIR: dir })).rejects.toThrow(
      `DATA_DIR ${dir} is held by the cli (pid ${holder.pid} on host ${hostname()}, running "projections rebuild calendar", since ${holder.since}): try again once it has finished`,
    );
  });

  it('waits for an app that holds the folder and has not started serving yet', async () => {
    const dir = dataDir();
    const holder = heldBy(dir, {});
    const notices: string[] = [];
    const opening = openOperatorBackend(
      { DATA_DIR: dir },
      { probe: () => Promise.resolve(true), notice: (line) => notices.push(line) },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The app listens: it writes its address into its lock.
    writeFileSync(
      join(dir, DATA_DIR_LOCK_FILE),
      JSON.stringify({ ...holder, address: '127.0.0.1', port: 47313 }),
    );
    const backend = await opening;
    expect(backend.description).toContain('http://127.0.0.1:47313');
    expect(notices).toEqual([
      `waiting for the api (pid ${holder.pid} on host ${hostname()}, since ${holder.since}) to start serving`,
    ]);
  });

  it('gives up on an app that never starts serving', async () => {
    const dir = dataDir();
    heldBy(dir, {});
    await expect(openOperatorBackend({ DATA_DIR: dir }, { startingWaitMs: 300 })).rejects.toThrow(
      'which has not started serving',
    );
  });

  it('takes the lock itself where nobody holds the folder, and gives it back when there is no store', async () => {
    const dir = dataDir();
    await expect(openOperatorBackend({ DATA_DIR: dir, PORT: '3998' })).rejects.toThrow(
      `${join(dir, 'pglite')} holds no embedded store (DATA_DIR=${dir})`,
    );
    expect(await DataDirLock.inspect(dir)).toEqual({ state: 'free' });
  });
});
