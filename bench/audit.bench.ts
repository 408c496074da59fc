/**
 * The hash chain's cost on the command path (docs/audit.md): cancels/s through the whole app (Nest,
 * the command handler, the PostgreSQL event store), with the chain on and off (BENCH_AUDIT_CHAIN,
 * read by the app's composition and by nothing else), in interleaved rounds on a fresh schema each,
 * median of BENCH_ROUNDS (default 5) per side. Target: at most 5% fewer cancels/s with it on.
 * Writes bench/results/audit.json. Run: npm run bench -- audit
 * Settings: DATABASE_URL (default the local server), BENCH_ROUNDS, BENCH_CANCELS per round (400),
 * BENCH_CONCURRENCY (8 commands in flight).
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createPgPool } from '../libs/event-store/src/postgres';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CANCELS = Number(process.env.BENCH_CANCELS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

/**
 * One round in a process of its own, on the compiled app (Nest needs the decorator metadata tsc
 * emits): schedules CANCELS sessions, then times their cancels through app.inject (no sockets:
 * the command path alone), CONCURRENCY in flight. Prints the cancels per second.
 */
const ROUND = `
const { randomUUID } = require('node:crypto');
const { createApp } = require('./apps/api/src/bootstrap/create-app');
const { loadConfig, signDevToken } = require('./libs/platform/src');
(async () => {
  const config = loadConfig(process.env);
  const prefix = process.env.BENCH_SCHEMA_PREFIX;
  const app = await createApp({
    platform: { config },
    stores: { schemas: { eventStore: prefix + '_events', readModels: prefix + '_read' } },
    application: { idempotencySchema: prefix + '_idem' },
  });
  await app.init();
  const token = await signDevToken({ role: 'professional', sub: 'pro-bench' }, process.env.JWT_SECRET);
  const headers = { authorization: 'Bearer ' + token, 'content-type': 'application/json' };
  const n = Number(process.env.BENCH_CANCELS);
  const ids = Array.from({ length: n }, () => randomUUID());
  const startsAt = new Date(Date.now() + 3 * 86400000).toISOString();
  const parallel = async (work) => {
    let next = 0;
    await Promise.all(Array.from({ length: Number(process.env.BENCH_CONCURRENCY) }, async () => {
      while (next < ids.length) await work(ids[next++]);
    }));
  };
  await parallel(async (sessionId) => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/sessions', headers, payload: JSON.stringify({
      sessionId, professionalId: 'pro-bench', clientId: 'client-bench', startsAt, durationMinutes: 50,
      fee: { amountMinor: 12000, currency: 'EUR' }, payment: { kind: 'direct' } }) });
    if (r.statusCode !== 201) throw new Error('schedule ' + r.statusCode + ' ' + r.body);
  });
  const started = process.hrtime.bigint();
  await parallel(async (id) => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/sessions/' + id + '/cancel', headers,
      payload: JSON.stringify({ reason: 'cancelled-by-professional' }) });
    if (r.statusCode !== 200) throw new Error('cancel ' + r.statusCode + ' ' + r.body);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await app.close();
  process.stdout.write('RATE ' + (n / seconds) + '\\n');
})().catch((error) => { console.error(error); process.exit(1); });
`;

function compile(): void {
  process.stdout.write('Compiling the API (tsc -p tsconfig.build.json)...\n');
  const tsc = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (tsc.status !== 0) throw new Error('tsc failed');
}

async function round(chain: boolean): Promise<number> {
  const prefix = `bench_audit_${randomBytes(4).toString('hex')}`;
  try {
    const run = spawnSync(process.execPath, ['-r', 'tsconfig-paths/register', '-e', ROUND], {
      cwd: DIST,
      encoding: 'utf8',
      env: {
        ...process.env,
        NODE_PATH: join(ROOT, 'node_modules'),
        TS_NODE_BASEURL: DIST,
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        JWT_SECRET: 'bench-secret-that-is-at-least-32-bytes-long',
        AUDIT_SIGNING_KEY: SIGNING_KEY,
        EVENT_STORE: 'postgres',
        READ_MODEL_STORE: 'postgres',
        DATABASE_URL,
        BENCH_SCHEMA_PREFIX: prefix,
        BENCH_CANCELS: String(CANCELS),
        BENCH_CONCURRENCY: String(CONCURRENCY),
        // The switch only this benchmark uses (apps/api/src/composition/build-stores.ts).
        BENCH_AUDIT_CHAIN: chain ? 'on' : 'off',
      },
    });
    const rate = /RATE ([0-9.]+)/.exec(run.stdout)?.[1];
    if (run.status !== 0 || rate === undefined) {
      throw new Error(`round failed (${String(run.status)}): ${run.stderr}`);
    }
    return Number(rate);
  } finally {
    const pool = createPgPool({
      connectionString: DATABASE_URL,
      max: 1,
      onConnectionError: () => undefined,
    });
    for (const suffix of ['events', 'read', 'idem']) {
      await pool.query(`DROP SCHEMA IF EXISTS ${prefix}_${suffix} CASCADE`);
    }
    await pool.end();
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main(): Promise<void> {
  compile();
  const on: number[] = [];
  const off: number[] = [];
  await round(true); // warm-up: JIT, connections, the server's caches
  for (let i = 0; i < ROUNDS; i += 1) {
    // Alternate which side goes first, so a drift in the machine's load hits both alike.
    const order = i % 2 === 0 ? [true, false] : [false, true];
    for (const chain of order) (chain ? on : off).push(await round(chain));
    process.stdout.write(
      `round ${i + 1}: on ${on.at(-1)?.toFixed(0)} /s, off ${off.at(-1)?.toFixed(0)} /s\n`,
    );
  }
  const medianOn = median(on);
  const medianOff = median(off);
  const costPercent = ((medianOff - medianOn) / medianOff) * 100;
  const result = {
    benchmark: 'audit',
    when: new Date().toISOString(),
    settings: {
      rounds: ROUNDS,
      cancelsPerRound: CANCELS,
      concurrency: CONCURRENCY,
      store: 'postgres',
    },
    target: 'hash chain on: at most 5% fewer cancels/s than off (median of interleaved rounds)',
    machine: { cpus: cpus().length, loadavg: loadavg() },
    results: {
      cancelsPerSecondOn: on.map(Math.round),
      cancelsPerSecondOff: off.map(Math.round),
      medianOn: Math.round(medianOn),
      medianOff: Math.round(medianOff),
      costPercent: Number(costPercent.toFixed(2)),
      withinTarget: costPercent <= 5,
    },
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'audit.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result.results)}\n`);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
