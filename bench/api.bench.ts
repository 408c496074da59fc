/**
 * API benchmark: cancels per second on fresh sessions through the real HTTP stack, against the
 * ceiling of the same machine in the same run. For each store (PostgreSQL, the embedded default)
 * and each round, interleaved (the order flips every round):
 * - the API (NODE_ENV=production, LOG_LEVEL=info with its log in a file, no Kafka, no
 *   Idempotency-Key; PostgreSQL without the projector, the embedded default with it in-process):
 *   schedules fresh sessions, then cancels each once (`notifyClient: true`);
 * - the ceiling (bench/ceiling-server.ts): bare Fastify doing one autocommit INSERT per POST,
 *   with a `pg` pool of the API's size, or PGlite;
 * both driven by wrk (bench/http-load.ts) at the same connections for the same time.
 *
 * Beside the rates, each side's server process CPU per request (user + system from
 * /proc/<pid>/stat over the load: steadier than a rate on a shared machine, and it says where the
 * gap is), and the API's FLOOR: the same process answering a public GET that reads nothing
 * (GET /api/v1/audit/public-key) through the whole HTTP stack (Fastify, Nest's guards and pipes,
 * request logging), what any request costs before a command does anything.
 *
 * THE RATIO is the median of the per-round ratios (API cancels/s over ceiling inserts/s of the
 * same round); the README quotes that figure. Writes bench/results/api.json (BENCH_OUTPUT).
 *
 * Settings: DATABASE_URL; BENCH_ROUNDS (2), BENCH_SECONDS (10), BENCH_CONNECTIONS (32),
 * BENCH_STORES (postgres,embedded), BENCH_SESSIONS_POSTGRES (40000: at 2,700 cancels a second
 * fewer run out before the 10 s), BENCH_SESSIONS_EMBEDDED (3000); BENCH_API_ROOT: the checkout whose API is measured (default this one; e.g. a
 * `git worktree` of an older commit, to measure before and after with the same bench);
 * BENCH_BEFORE_ROOT: another checkout whose API is measured in the same rounds too, its ratio
 * beside this one's (before and after a change, under the same load);
 * BENCH_SERVER_ARGS: node flags for the API, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { signDevToken } from '../libs/platform/src/auth/sign-dev-token';
import {
  API_POOL_SIZE,
  CANCEL_BODY,
  commitOf,
  compile,
  cpuSecondsOf,
  DATABASE_URL,
  dropSchemas,
  median,
  PROFESSIONAL,
  round3,
  SCHEDULE_BODY,
  SECRET,
  runBench,
  startApi,
  startChild,
  stopChild,
  writeBenchResults,
  type Store,
} from './api-server';
import { runLoad, wrkInstalled, type LoadFigures } from './http-load';

const ROOT = join(__dirname, '..');
const API_ROOT = process.env.BENCH_API_ROOT ?? ROOT;
/** A second checkout measured in the same rounds (e.g. the commit before a change). */
const BEFORE_ROOT = process.env.BENCH_BEFORE_ROOT;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const STORES = (process.env.BENCH_STORES ?? 'postgres,embedded').split(',') as Store[];
const SESSIONS: Record<Store, number> = {
  postgres: Number(process.env.BENCH_SESSIONS_POSTGRES ?? 40_000),
  embedded: Number(process.env.BENCH_SESSIONS_EMBEDDED ?? 3000),
};

/** Runs a load and measures the server process's CPU per request over it (milliseconds). */
async function loadWithCpu(
  pid: number | undefined,
  run: () => Promise<LoadFigures>,
): Promise<{ figures: LoadFigures; cpuMsPerRequest: number }> {
  const before = cpuSecondsOf(pid);
  const figures = await run();
  const used = cpuSecondsOf(pid) - before;
  return { figures, cpuMsPerRequest: round3((used * 1000) / Math.max(1, figures.requests)) };
}

function startCeiling(store: Store, port: number, dataDir: string, schema: string) {
  // node -r tsx/cjs, not the tsx CLI: the child is then the server itself, whose CPU is measured.
  return startChild(
    ['-r', require.resolve('tsx/cjs'), join(__dirname, 'ceiling-server.ts')],
    {
      PORT: String(port),
      CEILING_STORE: store === 'postgres' ? 'postgres' : 'pglite',
      CEILING_POOL_SIZE: String(API_POOL_SIZE),
      CEILING_SCHEMA: schema,
      DATABASE_URL,
      DATA_DIR: join(dataDir, 'pglite'),
    },
    ROOT,
    join(dataDir, 'ceiling.log'),
  );
}

interface Side {
  readonly figures: LoadFigures;
  readonly cpuMsPerRequest: number;
}

async function measureApi(
  root: string,
  store: Store,
  port: number,
  token: string,
  workDir: string,
) {
  const dataDir = mkdtempSync(join(workDir, `api-${store}-`));
  const prefix = `bench_api_${randomUUID().slice(0, 8)}`;
  const server = await startApi(root, store, port, dataDir, prefix);
  const url = `http://127.0.0.1:${port}`;
  const ids = Array.from({ length: SESSIONS[store] }, () => randomUUID());
  const load = { url, ids, token, connections: CONNECTIONS, workDir };
  try {
    const schedule = await runLoad({
      ...load,
      path: '/api/v1/sessions',
      body: SCHEDULE_BODY,
      seconds: 600,
    });
    // The last schedules wrk wrote but did not wait for finish before the cancels start.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const cancel = await loadWithCpu(server.pid, () =>
      runLoad({
        ...load,
        path: '/api/v1/sessions/{id}/cancel',
        body: CANCEL_BODY,
        seconds: SECONDS,
      }),
    );
    const floor = await loadWithCpu(server.pid, () =>
      runLoad({
        ...load,
        method: 'GET',
        path: '/api/v1/audit/public-key',
        body: '',
        // Every request the same: the ids only pace wrk's script.
        ids: Array.from({ length: 200_000 }, () => 'x'),
        seconds: Math.max(3, Math.round(SECONDS / 2)),
      }),
    );
    return { schedule, ...cancel, floor };
  } finally {
    await stopChild(server);
    rmSync(dataDir, { recursive: true, force: true });
    if (store === 'postgres')
      await dropSchemas(['events', 'read', 'idem'].map((s) => `${prefix}_${s}`));
  }
}

async function measureCeiling(
  store: Store,
  port: number,
  token: string,
  workDir: string,
): Promise<Side> {
  const dataDir = mkdtempSync(join(workDir, `ceiling-${store}-`));
  const schema = `bench_ceiling_${randomUUID().slice(0, 8)}`;
  const server = await startCeiling(store, port, dataDir, schema);
  try {
    return await loadWithCpu(server.pid, () =>
      runLoad({
        url: `http://127.0.0.1:${port}`,
        // Never runs out: the ceiling takes any id.
        ids: Array.from({ length: 100_000 }, () => randomUUID()),
        token,
        connections: CONNECTIONS,
        workDir,
        path: '/api/v1/sessions/{id}/cancel',
        body: CANCEL_BODY,
        seconds: SECONDS,
      }),
    );
  } finally {
    await stopChild(server);
    rmSync(dataDir, { recursive: true, force: true });
    if (store === 'postgres') await dropSchemas([schema]);
  }
}

/** Medians over rounds of each side's CPU per request and of the API's floor. */
function cpuSummary(entries: ReadonlyArray<Record<string, unknown>>): Record<string, number> {
  const cpuOf = (side: string) =>
    entries
      .map((entry) => (entry.cpuMsPerRequest as Record<string, number> | undefined)?.[side])
      .filter((value): value is number => value !== undefined && Number.isFinite(value));
  const floorOf = (pick: 'perSecond' | 'cpuMsPerRequest') =>
    entries
      .map((entry) => (entry.floor as Record<string, Record<string, number>> | undefined)?.api)
      .map((floor) => floor?.[pick])
      .filter((value): value is number => value !== undefined && Number.isFinite(value));
  const summary: Record<string, number> = {
    apiCpuMsPerCancel: round3(median(cpuOf('api'))),
    ceilingCpuMsPerInsert: round3(median(cpuOf('ceiling'))),
    floorPerSecond: median(floorOf('perSecond')),
    floorCpuMsPerRequest: round3(median(floorOf('cpuMsPerRequest'))),
  };
  const before = cpuOf('before');
  if (before.length > 0) summary.beforeCpuMsPerCancel = round3(median(before));
  return summary;
}

async function main(): Promise<void> {
  compile(API_ROOT);
  if (BEFORE_ROOT !== undefined) compile(BEFORE_ROOT);
  if (!wrkInstalled())
    process.stderr.write('wrk is not installed: apt-get install -y wrk (Debian).\n');
  const workDir = mkdtempSync(join(tmpdir(), 'api-bench-'));
  const token = await signDevToken({ sub: PROFESSIONAL, role: 'professional' }, SECRET);
  const rounds: Record<Store, Array<Record<string, unknown>>> = { postgres: [], embedded: [] };
  const ratios: Record<Store, number[]> = { postgres: [], embedded: [] };
  const beforeRatios: Record<Store, number[]> = { postgres: [], embedded: [] };
  const sides = ['api', 'ceiling', ...(BEFORE_ROOT === undefined ? [] : ['before'])];
  let port = 3990;
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const store of STORES) {
        // Each round starts with the next side: none always runs first (warm or loaded).
        const shift = (round - 1) % sides.length;
        const order = [...sides.slice(shift), ...sides.slice(0, shift)];
        const measured: Record<string, LoadFigures> = {};
        const cpu: Record<string, number> = {};
        const floors: Record<string, Side> = {};
        let schedule: LoadFigures | undefined;
        for (const side of order) {
          process.stdout.write(`[round ${round}, ${store}] ${side}...\n`);
          if (side === 'ceiling') {
            const result = await measureCeiling(store, port++, token, workDir);
            measured[side] = result.figures;
            cpu[side] = result.cpuMsPerRequest;
          } else {
            const root = side === 'before' ? (BEFORE_ROOT ?? API_ROOT) : API_ROOT;
            const result = await measureApi(root, store, port++, token, workDir);
            measured[side] = result.figures;
            cpu[side] = result.cpuMsPerRequest;
            floors[side] = result.floor;
            if (side === 'api') schedule = result.schedule;
          }
        }
        const { api, ceiling, before } = measured;
        if (!api || !ceiling || !schedule) throw new Error('a side was not measured');
        const ratio = round3(api.perSecond / ceiling.perSecond);
        ratios[store].push(ratio);
        const beforeRatio = before ? round3(before.perSecond / ceiling.perSecond) : undefined;
        if (beforeRatio !== undefined) beforeRatios[store].push(beforeRatio);
        rounds[store].push({
          round,
          order: order.join(', '),
          ratio,
          ...(beforeRatio === undefined ? {} : { beforeRatio }),
          api,
          ceiling,
          ...(before ? { before } : {}),
          cpuMsPerRequest: cpu,
          floor: Object.fromEntries(
            Object.entries(floors).map(([side, floor]) => [
              side,
              { perSecond: floor.figures.perSecond, cpuMsPerRequest: floor.cpuMsPerRequest },
            ]),
          ),
          apiSchedule: { perSecond: schedule.perSecond, non2xx: schedule.non2xx },
        });
        process.stdout.write(
          `[round ${round}, ${store}] API ${api.perSecond}/s (p50 ${api.latencyMs.p50} ms, p99 ${api.latencyMs.p99} ms, non-2xx ${api.non2xx}, ${cpu.api} ms CPU a cancel; floor ${floors.api?.figures.perSecond}/s, ${floors.api?.cpuMsPerRequest} ms CPU a GET), ceiling ${ceiling.perSecond}/s (${cpu.ceiling} ms CPU), ratio ${ratio}` +
            (before
              ? `; before ${before.perSecond}/s (p50 ${before.latencyMs.p50} ms, p99 ${before.latencyMs.p99} ms, ${cpu.before} ms CPU), ratio ${beforeRatio}`
              : '') +
            '\n',
        );
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const summary = Object.fromEntries(
    STORES.map((store) => {
      const of = (pick: (entry: Record<string, unknown>) => LoadFigures) => rounds[store].map(pick);
      const apis = of((entry) => entry.api as LoadFigures);
      const ceilings = of((entry) => entry.ceiling as LoadFigures);
      const befores = rounds[store]
        .map((entry) => entry.before as LoadFigures | undefined)
        .filter((figures): figures is LoadFigures => figures !== undefined);
      return [
        store,
        {
          ratio: round3(median(ratios[store])),
          apiPerSecond: median(apis.map((f) => f.perSecond)),
          ceilingPerSecond: median(ceilings.map((f) => f.perSecond)),
          apiP50Ms: median(apis.map((f) => f.latencyMs.p50)),
          apiP99Ms: median(apis.map((f) => f.latencyMs.p99)),
          apiNon2xx: apis.reduce((sum, f) => sum + f.non2xx + f.errors, 0),
          ceilingP99Ms: median(ceilings.map((f) => f.latencyMs.p99)),
          ...cpuSummary(rounds[store]),
          ...(befores.length === 0
            ? {}
            : {
                beforeRatio: round3(median(beforeRatios[store])),
                beforePerSecond: median(befores.map((f) => f.perSecond)),
                beforeP50Ms: median(befores.map((f) => f.latencyMs.p50)),
                beforeP99Ms: median(befores.map((f) => f.latencyMs.p99)),
                beforeNon2xx: befores.reduce((sum, f) => sum + f.non2xx + f.errors, 0),
              }),
        },
      ];
    }),
  );
  const output = {
    benchmark: 'api: cancel commands on fresh sessions, against a bare Fastify one-INSERT ceiling',
    ratioDefinition: 'median over rounds of (API cancels/s / ceiling inserts/s of the same round)',
    when: new Date().toISOString(),
    apiCommit: commitOf(API_ROOT),
    ...(BEFORE_ROOT === undefined ? {} : { beforeCommit: commitOf(BEFORE_ROOT) }),
    benchCommit: commitOf(ROOT),
    settings: {
      rounds: ROUNDS,
      seconds: SECONDS,
      connections: CONNECTIONS,
      sessions: SESSIONS,
      client: wrkInstalled() ? 'wrk (2 threads)' : 'autocannon (wrk missing)',
      api: 'NODE_ENV=production, LOG_LEVEL=info (log to a file), no Kafka, no Idempotency-Key; postgres: no projector; embedded: the default (projector in-process)',
      ceiling: `bare Fastify, logger off, one autocommit INSERT (bigserial, jsonb); pg pool ${API_POOL_SIZE} / PGlite`,
    },
    targets: {
      postgres: { ratio: 0.5, p99Ms: 50, non2xx: 0 },
      embedded: 'twice the ratio of 8b97bef (beforeRatio, with BENCH_BEFORE_ROOT at that commit)',
    },
    machine: {
      platform: `${platform()} ${release()}`,
      cpus: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadavg: loadavg(),
    },
    summary,
    rounds,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  writeBenchResults('api.json', output);
}

runBench(main);
