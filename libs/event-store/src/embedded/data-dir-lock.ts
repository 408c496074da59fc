import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, open, readFile, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pause } from '../pause';
import { currentProcess, liveness, type ProcessIdentity } from './process-identity';

/** The lock's file name inside DATA_DIR. */
export const DATA_DIR_LOCK_FILE = 'owner.lock';

/** What a lock file holds: who owns the folder, and for an app where it answers. */
export interface DataDirHolder extends ProcessIdentity {
  /** `api` for the app, `cli` for a command line run. */
  readonly app: string;
  /** For the CLI: the command it runs. */
  readonly command?: string;
  /** When it took the folder (ISO instant). */
  readonly since: string;
  /** For the app, once it listens: the address and port it serves the API on. */
  readonly address?: string;
  readonly port?: number;
}

export type DataDirLockState =
  | { readonly state: 'free' }
  | { readonly state: 'held'; readonly holder: DataDirHolder }
  | { readonly state: 'stale'; readonly holder: DataDirHolder; readonly raw: string }
  | { readonly state: 'unreadable'; readonly reason: string };

/** Refused: another process owns the folder (or its lock cannot be read). */
export class DataDirHeldError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirHolder | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'DataDirHeldError';
  }
}

/** "the api (pid 4242 on host vm, since …, serving http://127.0.0.1:3000)". */
export function describeHolder(holder: DataDirHolder): string {
  const details = [
    `pid ${holder.pid} on host ${holder.hostname}`,
    ...(holder.command === undefined ? [] : [`running "${holder.command}"`]),
    `since ${holder.since}`,
    ...(holder.port === undefined ? [] : [`serving ${holderUrl(holder)}`]),
  ];
  return `the ${holder.app} (${details.join(', ')})`;
}

/** Where a holder's HTTP API answers from this host (a wildcard address means loopback too). */
export function holderUrl(holder: DataDirHolder): string | undefined {
  if (holder.port === undefined) return undefined;
  const address =
    holder.address === undefined || holder.address === '0.0.0.0' || holder.address === ''
      ? '127.0.0.1'
      : holder.address === '::'
        ? '::1'
        : holder.address;
  return `http://${address.includes(':') ? `[${address}]` : address}:${holder.port}`;
}

const isHolder = (value: unknown): value is DataDirHolder => {
  const v = value as Partial<DataDirHolder> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    Number.isInteger(v.pid) &&
    typeof v.app === 'string' &&
    typeof v.hostname === 'string' &&
    typeof v.since === 'string' &&
    (v.startTime === null || typeof v.startTime === 'string')
  );
};

const sameHolder = (a: DataDirHolder, b: DataDirHolder): boolean =>
  a.pid === b.pid &&
  a.startTime === b.startTime &&
  a.hostname === b.hostname &&
  a.since === b.since;

const code = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** A reader may find the file between its creation and its content: it waits this long for it. */
const CONTENT_WAIT_MS = 1_000;
const CONTENT_POLL_MS = 25;
/** How long contenders for one stale lock may take to settle who gets it. */
const TAKEOVER_WAIT_MS = 5_000;

/**
 * One owner per DATA_DIR: the embedded store is a single PGlite whose files only one process
 * may open (PGlite itself does not stop a second one, and two writers corrupt it). Whoever
 * opens the folder, the app or the CLI, first creates `owner.lock` there with O_EXCL, holding
 * its pid, start time and host name, and for the app the address and port it serves. A lock
 * is stale only when its pid is free or belongs to a process with another start time: never by
 * age (a busy holder may not touch the file for hours), never when its host is another one (its
 * pids cannot be checked from here). A stale lock is taken over; a held one is refused with its
 * holder named. The lock goes with a clean exit (close, or the process's 'exit').
 */
export class DataDirLock {
  private released = false;
  private readonly releaseOnExit = (): void => this.releaseSync();

  private constructor(
    readonly dataDir: string,
    private readonly file: string,
    private current: DataDirHolder,
  ) {
    process.once('exit', this.releaseOnExit);
  }

  get holder(): DataDirHolder {
    return this.current;
  }

  static file(dataDir: string): string {
    return join(resolve(dataDir), DATA_DIR_LOCK_FILE);
  }

  /** Who holds `dataDir` now, as a process that wants it would judge. */
  static async inspect(dataDir: string): Promise<DataDirLockState> {
    const file = DataDirLock.file(dataDir);
    const deadline = Date.now() + CONTENT_WAIT_MS;
    for (;;) {
      let raw: string;
      try {
        raw = await readFile(file, 'utf8');
      } catch (error) {
        if (code(error) === 'ENOENT') return { state: 'free' };
        return { state: 'unreadable', reason: `${file}: ${(error as Error).message}` };
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = undefined;
      }
      if (isHolder(parsed)) {
        return liveness(parsed) === 'gone'
          ? { state: 'stale', holder: parsed, raw }
          : { state: 'held', holder: parsed };
      }
      // Just created and not yet written, or not ours at all: never taken for stale.
      if (Date.now() >= deadline) {
        return {
          state: 'unreadable',
          reason: `${file} does not name its holder; if no process uses ${resolve(dataDir)}, delete it`,
        };
      }
      await pause(CONTENT_POLL_MS);
    }
  }

  /**
   * Takes `dataDir` for this process, or throws DataDirHeldError naming who holds it. `self`
   * is the process taking it (tests stand in for others).
   */
  static async acquire(
    dataDir: string,
    claim: { app: string; command?: string },
    self: ProcessIdentity = currentProcess(),
  ): Promise<DataDirLock> {
    const folder = resolve(dataDir);
    const file = DataDirLock.file(folder);
    await mkdir(folder, { recursive: true });
    const holder: DataDirHolder = {
      ...self,
      app: claim.app,
      ...(claim.command === undefined ? {} : { command: claim.command }),
      since: new Date().toISOString(),
    };
    // Each lost race (another process took it, or is clearing a stale lock) starts over.
    const deadline = Date.now() + TAKEOVER_WAIT_MS;
    while (Date.now() < deadline) {
      try {
        const handle = await open(file, 'wx', 0o644);
        try {
          await handle.writeFile(`${JSON.stringify(holder)}\n`);
          await handle.sync();
        } finally {
          await handle.close();
        }
        return new DataDirLock(folder, file, holder);
      } catch (error) {
        if (code(error) !== 'EEXIST') throw error;
      }
      const found = await DataDirLock.inspect(folder);
      if (found.state === 'held') {
        throw new DataDirHeldError(
          folder,
          found.holder,
          `${folder} is held by ${describeHolder(found.holder)}: stop it, or give this one another DATA_DIR`,
        );
      }
      if (found.state === 'unreadable') {
        throw new DataDirHeldError(folder, undefined, `${folder} is locked: ${found.reason}`);
      }
      if (found.state === 'stale') await DataDirLock.removeStale(file, found.raw, self);
    }
    throw new DataDirHeldError(
      folder,
      undefined,
      `${folder}: its lock changed hands too often to be taken; try again`,
    );
  }

  /**
   * Removes a stale lock, but only that one: two processes may judge the same lock stale at
   * once, and the slower must not delete the lock the faster has created since. Reading the
   * content and deleting it is therefore done by one process at a time, under a second O_EXCL
   * file (`owner.lock.takeover`, naming its holder too); whoever finds it taken waits and looks
   * again. A takeover file whose process died is removed (a crash within those few statements).
   */
  private static async removeStale(
    file: string,
    staleContent: string,
    self: ProcessIdentity,
  ): Promise<void> {
    const takeover = `${file}.takeover`;
    try {
      await writeFile(takeover, JSON.stringify(self), { flag: 'wx' });
    } catch (error) {
      if (code(error) !== 'EEXIST') throw error;
      const holder = await readFile(takeover, 'utf8').catch(() => '');
      let identity: unknown;
      try {
        identity = JSON.parse(holder);
      } catch {
        identity = undefined;
      }
      const dead =
        typeof identity === 'object' &&
        identity !== null &&
        liveness(identity as ProcessIdentity) === 'gone';
      if (dead) await unlink(takeover).catch(() => undefined);
      else await pause(CONTENT_POLL_MS);
      return;
    }
    try {
      const current = await readFile(file, 'utf8').catch((error: unknown) => {
        if (code(error) === 'ENOENT') return undefined;
        throw error;
      });
      if (current === staleContent) await unlink(file);
    } finally {
      await unlink(takeover).catch(() => undefined);
    }
  }

  /** The app tells where it serves, once it listens (the CLI finds it through the lock). */
  announce(address: string, port: number): void {
    if (this.released) throw new Error(`${this.file} was released`);
    const updated: DataDirHolder = { ...this.current, address, port };
    // Replaced in one rename, so a reader sees the old content or the new, never a part.
    // Synchronous: called from the server's 'listening' event, it is written before the app
    // says it listens, so a CLI started right then finds the address at once.
    const temporary = `${this.file}.${process.pid}-${randomUUID()}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(updated)}\n`);
    renameSync(temporary, this.file);
    this.current = updated;
  }

  /** Removes the lock file if it still names this holder. Safe to call more than once. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.releaseOnExit);
    try {
      const raw = await readFile(this.file, 'utf8');
      if (this.namesMe(raw)) await unlink(this.file);
    } catch (error) {
      if (code(error) !== 'ENOENT') throw error;
    }
  }

  private namesMe(raw: string): boolean {
    try {
      const parsed: unknown = JSON.parse(raw);
      return isHolder(parsed) && sameHolder(parsed, this.current);
    } catch {
      return false;
    }
  }

  /** On process exit nothing asynchronous runs: the same, synchronously. */
  private releaseSync(): void {
    if (this.released) return;
    this.released = true;
    try {
      if (this.namesMe(readFileSync(this.file, 'utf8'))) unlinkSync(this.file);
    } catch {
      // nothing more can be done while exiting; the next start judges the lock by its pid
    }
  }
}
