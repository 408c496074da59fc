/**
 * What the API benchmarks share: the compiled API started as a child on its own schemas, the
 * bench's token secret and bodies, CPU seconds of a process from /proc, and the schemas' removal.
 * Used by api.bench.ts (against the ceiling) and api-paired.bench.ts (one build against another).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createPgPool } from '../libs/event-store/src/postgres';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The API's event store pool (createPostgresEventStore's default); the ceiling gets the same. */
export const API_POOL_SIZE = 10;
export const SECRET = 'bench-secret-that-is-at-least-32-bytes-long';
export const PROFESSIONAL = 'pro-bench';
export const CANCEL_BODY = JSON.stringify({ reason: 'cancelled-by-client', notifyClient: true });
export const SCHEDULE_BODY = JSON.stringify({
  sessionId: '{id}',
  professionalId: PROFESSIONAL,
  clientId: 'client-bench',
  startsAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
  durationMinutes: 50,
  fee: { amountMinor: 12000, currency: 'EUR' },
  payment: { kind: 'direct' },
});

export type Store = 'embedded' | 'postgres';

/** The child: the compiled app, with the bench's own schemas, listening on a port. */
export const SERVER = `
const { createApp } = require('./apps/api/src/bootstrap/create-app');
const { loadConfig } = require('./libs/platform/src');
(async () => {
  const config = loadConfig(process.env);
  const prefix = process.env.BENCH_SCHEMA_PREFIX;
  const app = await createApp({
    platform: { config },
    stores: {
      runProjector: config.readModelStore === 'embedded',
      ...(prefix ? { schemas: { eventStore: prefix + '_events', readModels: prefix + '_read' } } : {}),
    },
    application: prefix ? { idempotencySchema: prefix + '_idem' } : {},
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.send('READY');
})().catch((error) => { console.error(error); process.exit(1); });
`;

export function compile(root: string): void {
  process.stdout.write(`Compiling the API in ${root} (tsc -p tsconfig.build.json)...\n`);
  const tsc = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    { cwd: root, stdio: 'inherit' },
  );
  if (tsc.status !== 0) throw new Error('tsc failed');
}

export function commitOf(root: string): string {
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root });
  return `${git.stdout.toString().trim()}${dirty.stdout.toString().trim() ? '+changes' : ''}`;
}

/** Starts a child that says READY over IPC; its stdout (the API's log) goes to `logFile`. */
export async function startChild(
  args: readonly string[],
  env: Record<string, string>,
  cwd: string,
  logFile: string,
): Promise<ChildProcess> {
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...(process.env as Record<string, string>), ...env },
    stdio: ['ignore', log, 'inherit', 'ipc'],
  });
  closeSync(log);
  await new Promise<void>((resolve, reject) => {
    child.on('message', (message) => {
      if (message === 'READY') resolve();
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  return child;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export function startApi(
  root: string,
  store: Store,
  port: number,
  dataDir: string,
  prefix: string,
) {
  const dist = join(root, 'dist');
  // e.g. BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API alone.
  const nodeArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  return startChild(
    [...nodeArgs, '-r', 'tsconfig-paths/register', '-e', SERVER],
    {
      PORT: String(port),
      // Production serves /metrics on 9464 by default: another process may hold it.
      METRICS_PORT: String(port + 1000),
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      // Production needs the seals' key (docs/audit.md); BENCH_AUDIT_CHAIN=off passes through.
      AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      DATA_DIR: dataDir,
      TS_NODE_BASEURL: dist,
      NODE_PATH: join(root, 'node_modules'),
      ...(store === 'postgres'
        ? {
            EVENT_STORE: 'postgres',
            READ_MODEL_STORE: 'postgres',
            DATABASE_URL,
            BENCH_SCHEMA_PREFIX: prefix,
          }
        : { EVENT_STORE: 'embedded', READ_MODEL_STORE: 'embedded' }),
    },
    dist,
    join(dataDir, 'api.log'),
  );
}

/** CPU seconds (user + system) a process has used: fields 14 and 15 of /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After "pid (comm) ", utime and stime are the 12th and 13th fields, in clock ticks (100/s).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export async function dropSchemas(schemas: readonly string[]): Promise<void> {
  const pool = createPgPool({
    connectionString: DATABASE_URL,
    max: 1,
    onConnectionError: () => undefined,
  });
  for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
export const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * Writes a bench's JSON to bench/results/; BENCH_OUTPUT names another file, relative to that
 * folder or absolute (a run kept outside the repository must not be lost to a path joined twice).
 */
export function writeBenchResults(defaultFile: string, output: unknown): void {
  const file = resolve(join(__dirname, 'results'), process.env.BENCH_OUTPUT ?? defaultFile);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  process.stdout.write(`\nWrote ${relative(process.cwd(), file) || file}\n`);
}

/** Runs a bench's main; a failure prints its stack and exits 1 (bench/run.ts reports it). */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
