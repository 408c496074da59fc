/**
 * API benchmark: cancel commands per second on fresh sessions, and their latency, through the real
 * HTTP stack (Fastify, guards, validation, idempotency-free commands, event store), on the
 * embedded store and on PostgreSQL. Pre-schedules N sessions, then cancels each once at 32
 * connections. Writes bench/results/api.json.
 * Run: npx tsx bench/api.bench.ts
 * The API runs in a child process compiled by tsc (Nest needs decorator metadata, which tsx does
 * not emit), so autocannon and the server do not share an event loop.
 * Settings: DATABASE_URL (default the local server), BENCH_SESSIONS (default 6000),
 * BENCH_CONNECTIONS (default 32), BENCH_STORES (default embedded,postgres).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createPgPool } from '../libs/event-store/src/postgres';
import { signDevToken } from '../libs/platform/src/auth/sign-dev-token';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 6000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const STORES = (process.env.BENCH_STORES ?? 'embedded,postgres').split(',');
const SECRET = 'bench-secret-that-is-at-least-32-bytes-long';
const PROFESSIONAL = 'pro-bench';

type Store = 'embedded' | 'postgres';

/** The child: the compiled app, with the bench's own schemas, listening on a port. */
const SERVER = `
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
  process.stdout.write('READY\\n');
})().catch((error) => { console.error(error); process.exit(1); });
`;

function compile(): void {
  process.stdout.write('Compiling the API (tsc -p tsconfig.build.json)...\n');
  const tsc = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (tsc.status !== 0) throw new Error('tsc failed');
}

async function startServer(
  store: Store,
  port: number,
  dataDir: string,
  prefix: string,
): Promise<ChildProcess> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    JWT_SECRET: SECRET,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    // Production needs the seals' key (docs/audit.md); BENCH_AUDIT_CHAIN=off passes through.
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    DATA_DIR: dataDir,
    TS_NODE_BASEURL: DIST,
    ...(store === 'postgres'
      ? {
          EVENT_STORE: 'postgres',
          READ_MODEL_STORE: 'postgres',
          DATABASE_URL,
          BENCH_SCHEMA_PREFIX: prefix,
        }
      : { EVENT_STORE: 'embedded', READ_MODEL_STORE: 'embedded' }),
  };
  // e.g. BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server alone.
  const nodeArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...nodeArgs, '-r', 'tsconfig-paths/register', '-e', SERVER],
    {
      cwd: DIST,
      env: { ...env, NODE_PATH: join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('READY')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the API exited with ${String(code)}`)));
  });
  return child;
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function scheduleBody(sessionId: string): string {
  return JSON.stringify({
    sessionId,
    professionalId: PROFESSIONAL,
    clientId: 'client-bench',
    startsAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
    durationMinutes: 50,
    fee: { amountMinor: 12000, currency: 'EUR' },
    payment: { kind: 'direct' },
  });
}

/** One request per id, each id once, spread over the connections. */
function onePerId(ids: readonly string[], build: (id: string) => { path: string; body: string }) {
  let next = 0;
  return (request: { path?: string; body?: string }) => {
    const id = ids[next++];
    if (id === undefined) return request;
    const { path, body } = build(id);
    return { ...request, path, body };
  };
}

async function run(store: Store, port: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'api-bench-'));
  const prefix = `bench_api_${randomUUID().slice(0, 8)}`;
  const server = await startServer(store, port, dataDir, prefix);
  const token = await signDevToken({ sub: PROFESSIONAL, role: 'professional' }, SECRET);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const url = `http://127.0.0.1:${port}`;
  const ids = Array.from({ length: SESSIONS }, () => randomUUID());
  try {
    const scheduled = await autocannon({
      url,
      connections: CONNECTIONS,
      amount: SESSIONS,
      headers,
      requests: [
        {
          method: 'POST',
          setupRequest: onePerId(ids, (id) => ({
            path: '/api/v1/sessions',
            body: scheduleBody(id),
          })),
        },
      ],
    });
    const cancelled = await autocannon({
      url,
      connections: CONNECTIONS,
      amount: SESSIONS,
      headers,
      requests: [
        {
          method: 'POST',
          setupRequest: onePerId(ids, (id) => ({
            path: `/api/v1/sessions/${id}/cancel`,
            body: JSON.stringify({ reason: 'cancelled-by-client' }),
          })),
        },
      ],
    });
    const figures = (result: autocannon.Result) => ({
      requests: result.requests.total,
      seconds: result.duration,
      perSecond: Math.round(result.requests.total / result.duration),
      latencyMs: {
        p50: result.latency.p50,
        p97_5: result.latency.p97_5,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      non2xx: result.non2xx,
      errors: result.errors,
      statusCodes: Object.fromEntries(
        Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]),
      ),
    });
    return { store, schedule: figures(scheduled), cancel: figures(cancelled) };
  } finally {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
    if (store === 'postgres') {
      const pool = createPgPool({
        connectionString: DATABASE_URL,
        max: 1,
        onConnectionError: () => undefined,
      });
      for (const suffix of ['events', 'read', 'idem'])
        await pool.query(`DROP SCHEMA IF EXISTS ${prefix}_${suffix} CASCADE`);
      await pool.end();
    }
  }
}

async function main(): Promise<void> {
  compile();
  const results = [];
  let port = 3990;
  for (const store of STORES as Store[]) {
    process.stdout.write(
      `\n[${store}] scheduling ${SESSIONS} sessions, then cancelling each once at ${CONNECTIONS} connections...\n`,
    );
    const result = await run(store, port++);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    results.push(result);
  }
  const output = {
    benchmark: 'api: cancel commands on fresh sessions',
    when: new Date().toISOString(),
    settings: {
      sessions: SESSIONS,
      connections: CONNECTIONS,
      client: 'autocannon 8 (Node, same machine)',
    },
    target: { postgres: { cancelsPerSecond: 1000, p99Ms: 50 } },
    machine: {
      platform: `${platform()} ${release()}`,
      cpus: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadavg: loadavg(),
    },
    results,
  };
  const directory = join(ROOT, 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'api.json'), `${JSON.stringify(output, null, 2)}\n`);
  process.stdout.write('\nWrote bench/results/api.json\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
