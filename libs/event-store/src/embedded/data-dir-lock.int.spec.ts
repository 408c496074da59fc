import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DATA_DIR_LOCK_FILE,
  DataDirHeldError,
  type DataDirHolder,
  DataDirLock,
} from './data-dir-lock';
import { currentProcess, processStartTime, type ProcessIdentity } from './process-identity';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..', '..', '..');
const CONTENDER = join(__dirname, '..', 'testing', 'lock-contender.ts');

/** A pid no process has any more: a child that already exited. */
function deadPid(): number {
  const child = spawnSync('true');
  if (child.pid === undefined) throw new Error('could not spawn');
  return child.pid;
}

interface Contender {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with the next line it prints. */
  next(): Promise<string>;
}

function contender(dir: string): Contender {
  // tsx's loader in this very process (its CLI would run the script in a child of its own).
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', CONTENDER, dir], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  return {
    child,
    next: () => {
      const line = lines.shift();
      return line !== undefined
        ? Promise.resolve(line)
        : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

describe('the DATA_DIR lock', () => {
  const folders: string[] = [];
  const folder = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'data-dir-lock-'));
    folders.push(dir);
    return dir;
  };
  const lockFile = (dir: string) => join(dir, DATA_DIR_LOCK_FILE);
  const writeLock = (dir: string, holder: Partial<DataDirHolder> & ProcessIdentity): void =>
    writeFileSync(
      lockFile(dir),
      JSON.stringify({ app: 'api', since: '2026-01-01T00:00:00.000Z', ...holder }),
    );
  /** This very process, as another holder would be named: alive, with its real start time. */
  const alive = (): ProcessIdentity => currentProcess();

  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('holds pid, start time and host, refuses a second taker naming the holder, and goes on release', async () => {
    const dir = folder();
    const lock = await DataDirLock.acquire(dir, { app: 'api' });
    const written = JSON.parse(readFileSync(lockFile(dir), 'utf8')) as DataDirHolder;
    expect(written).toMatchObject({
      pid: process.pid,
      startTime: processStartTime(process.pid),
      hostname: hostname(),
      app: 'api',
    });
    expect(written.startTime).toMatch(/^\d+$/);

    const refused = await DataDirLock.acquire(dir, {
      app: 'cli',
      command: 'projections status',
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataDirHeldError);
    expect((refused as Error).message).toBe(
      `${dir} is held by the api (pid ${process.pid} on host ${hostname()}, since ${written.since}): stop it, or give this one another DATA_DIR`,
    );

    lock.announce('127.0.0.1', 47400);
    expect(await DataDirLock.inspect(dir)).toEqual({
      state: 'held',
      holder: { ...written, address: '127.0.0.1', port: 47400 },
    });

    await lock.release();
    await lock.release();
    expect(await DataDirLock.inspect(dir)).toEqual({ state: 'free' });
  });

  it('takes over a lock whose pid is gone', async () => {
    const dir = folder();
    writeLock(dir, { pid: deadPid(), startTime: '1', hostname: hostname() });
    expect((await DataDirLock.inspect(dir)).state).toBe('stale');
    const lock = await DataDirLock.acquire(dir, { app: 'api' });
    expect(lock.holder.pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a lock whose pid now belongs to a process with another start time', async () => {
    const dir = folder();
    writeLock(dir, { ...alive(), startTime: '1' });
    expect((await DataDirLock.inspect(dir)).state).toBe('stale');
    const lock = await DataDirLock.acquire(dir, { app: 'api' });
    await lock.release();
  });

  it('never declares a live holder stale, however old its file', async () => {
    const dir = folder();
    writeLock(dir, alive());
    const yearAgo = new Date(Date.now() - 365 * 86_400_000);
    utimesSync(lockFile(dir), yearAgo, yearAgo);
    expect((await DataDirLock.inspect(dir)).state).toBe('held');
    await expect(DataDirLock.acquire(dir, { app: 'api' })).rejects.toBeInstanceOf(DataDirHeldError);
  });

  it('never declares a holder on another host stale: its pids cannot be checked from here', async () => {
    const dir = folder();
    writeLock(dir, { pid: deadPid(), startTime: '1', hostname: `not-${hostname()}` });
    expect((await DataDirLock.inspect(dir)).state).toBe('held');
    await expect(DataDirLock.acquire(dir, { app: 'api' })).rejects.toThrow(
      `on host not-${hostname()}`,
    );
  });

  it('refuses, and keeps, a lock file that names nobody', async () => {
    const dir = folder();
    writeFileSync(lockFile(dir), 'garbage');
    await expect(DataDirLock.acquire(dir, { app: 'api' })).rejects.toThrow(
      `${lockFile(dir)} does not name its holder; if no process uses ${dir}, delete it`,
    );
    expect(readFileSync(lockFile(dir), 'utf8')).toBe('garbage');
  });

  it('releases only its own lock', async () => {
    const dir = folder();
    const lock = await DataDirLock.acquire(dir, { app: 'api' });
    writeLock(dir, { ...alive(), app: 'someone-else' });
    await lock.release();
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ app: 'someone-else' });
  });

  it('goes with a clean exit of its process, and a killed holder’s lock is taken over', async () => {
    const dir = folder();
    const first = contender(dir);
    expect(await first.next()).toBe('ready');
    first.child.stdin.write('go\n');
    expect(await first.next()).toBe('acquired');
    const exited = once(first.child, 'exit');
    first.child.stdin.end();
    await exited;
    expect(await DataDirLock.inspect(dir)).toEqual({ state: 'free' });

    const killed = contender(dir);
    expect(await killed.next()).toBe('ready');
    killed.child.stdin.write('go\n');
    expect(await killed.next()).toBe('acquired');
    const gone = once(killed.child, 'exit');
    killed.child.kill('SIGKILL');
    await gone;
    expect((await DataDirLock.inspect(dir)).state).toBe('stale');
    const lock = await DataDirLock.acquire(dir, { app: 'api' });
    await lock.release();
  });

  it('of processes taking over one stale lock at the same moment, exactly one gets it', async () => {
    const dir = folder();
    writeLock(dir, { pid: deadPid(), startTime: '1', hostname: hostname() });
    const contenders = Array.from({ length: 6 }, () => contender(dir));
    try {
      for (const c of contenders) expect(await c.next()).toBe('ready');
      for (const c of contenders) c.child.stdin.write('go\n');
      const outcomes = await Promise.all(contenders.map((c) => c.next()));
      expect(outcomes.filter((line) => line === 'acquired')).toHaveLength(1);
      for (const line of outcomes.filter((l) => l !== 'acquired')) {
        expect(line).toMatch(/^refused .* is held by the contender \(pid \d+/);
      }
    } finally {
      await Promise.all(
        contenders.map((c) => {
          const exited = once(c.child, 'exit');
          c.child.stdin.end();
          return exited;
        }),
      );
    }
    expect(await DataDirLock.inspect(dir)).toEqual({ state: 'free' });
  });
});
