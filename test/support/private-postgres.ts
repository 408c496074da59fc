import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { recordSkip } from './skip-records';

/**
 * A PostgreSQL server of a test's own, for fault tests that stop or restart it: the shared server
 * (127.0.0.1:5432) is never touched. Built from `initdb` and `pg_ctl` in the folder
 * `pg_config --bindir` names, in a temporary folder removed at the end, listening on a free port
 * of 127.0.0.1 (its socket in that folder too). PostgreSQL refuses to run as root, and CI runs as
 * root: the binaries then run as the `postgres` user through `runuser`.
 */
export type ShutdownMode = 'smart' | 'fast' | 'immediate';

export interface PrivatePostgres {
  readonly port: number;
  /** A connection string to `database` (default `postgres`) as the superuser `postgres`. */
  url(database?: string): string;
  /** `pg_ctl stop -m <mode>`, waiting until the server is down. */
  stop(mode: ShutdownMode): Promise<void>;
  /** `pg_ctl start`, waiting until it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl restart -m <mode>`, waiting until it accepts connections again. */
  restart(mode: ShutdownMode): Promise<void>;
  /** The server's log, for failure messages. */
  log(): string;
  /** Stops it (immediate) and removes its folder. */
  destroy(): Promise<void>;
}

interface Binaries {
  readonly initdb: string;
  readonly pgCtl: string;
  /** Prefix that runs a command as `postgres` (empty when this process may run them itself). */
  readonly asPostgres: readonly string[];
  readonly owner?: { uid: number; gid: number };
}

function idOf(flag: '-u' | '-g'): number | undefined {
  const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const id = Number(result.stdout.trim());
  return result.status === 0 && Number.isInteger(id) ? id : undefined;
}

/** The binaries and how to run them here, or why a private server cannot run. */
function findBinaries(): Binaries | string {
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (config.error !== undefined || config.status !== 0) {
    return 'pg_config is not on PATH: no PostgreSQL server binaries to start a private server from';
  }
  const bindir = config.stdout.trim();
  const initdb = join(bindir, 'initdb');
  const pgCtl = join(bindir, 'pg_ctl');
  for (const binary of [initdb, pgCtl]) {
    if (!existsSync(binary)) return `${binary} is missing (pg_config --bindir says ${bindir})`;
  }
  if (process.getuid?.() !== 0) return { initdb, pgCtl, asPostgres: [] };
  const uid = idOf('-u');
  const gid = idOf('-g');
  if (uid === undefined || gid === undefined) {
    return 'running as root (PostgreSQL refuses to) and there is no postgres user to run it as';
  }
  if (spawnSync('runuser', ['--help']).error !== undefined) {
    return 'running as root (PostgreSQL refuses to) and runuser is not on PATH';
  }
  return { initdb, pgCtl, asPostgres: ['runuser', '-u', 'postgres', '--'], owner: { uid, gid } };
}

let found: Binaries | string | undefined;
const binaries = (): Binaries | string => (found ??= findBinaries());

/** Undefined when a private server can start here, else the reason it cannot. */
export function privatePostgresProblem(): string | undefined {
  const result = binaries();
  return typeof result === 'string' ? result : undefined;
}

/**
 * A describe block that needs a private server: skipped, with its reason printed now and in the
 * end-of-run summary, where the binaries are absent.
 */
export function describeWithPrivatePostgres(name: string, body: () => void): void {
  const problem = privatePostgresProblem();
  if (problem === undefined) {
    describe(name, body);
    return;
  }
  process.stderr.write(`\n!!! SKIPPED "${name}": ${problem}\n`);
  recordSkip({ suite: name, reason: problem });
  describe.skip(name, body);
}

/** Runs a PostgreSQL binary (as `postgres` when needed) without blocking the event loop. */
function run(bin: Binaries, command: string, args: readonly string[]): Promise<void> {
  const [file, ...prefix] = [...bin.asPostgres, command];
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...prefix, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`));
    });
  });
}

/** initdb in a fresh temporary folder, then start on a free port. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binaries();
  if (typeof bin === 'string') throw new Error(bin);
  const folder = mkdtempSync(join(tmpdir(), 'private-pg-'));
  if (bin.owner) chownSync(folder, bin.owner.uid, bin.owner.gid);
  const data = join(folder, 'data');
  const logFile = join(folder, 'server.log');
  const port = await freePort();
  const ctl = (...args: string[]) => run(bin, bin.pgCtl, ['-D', data, '-w', '-t', '60', ...args]);

  // Stops a server this process left behind (a test that failed before destroy()).
  const stopSync = (): void => {
    if (!existsSync(data)) return;
    const [file, ...prefix] = [...bin.asPostgres, bin.pgCtl];
    spawnSync(file, [...prefix, '-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
    rmSync(folder, { recursive: true, force: true });
  };
  process.once('exit', stopSync);

  try {
    // --no-sync: initdb's own fsync only; the server itself runs with the default durability.
    await run(bin, bin.initdb, [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        '',
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${folder}'`,
        'max_connections = 200',
        '',
      ].join('\n'),
    );
    await ctl('-l', logFile, 'start');
  } catch (error) {
    stopSync();
    throw error;
  }

  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: (mode) => ctl('-m', mode, 'stop'),
    start: () => ctl('-l', logFile, 'start'),
    restart: (mode) => ctl('-l', logFile, '-m', mode, 'restart'),
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    destroy: async () => {
      await ctl('-m', 'immediate', 'stop').catch(() => undefined);
      rmSync(folder, { recursive: true, force: true });
      process.removeListener('exit', stopSync);
    },
  };
}
