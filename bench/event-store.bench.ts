/**
 * Event store benchmark: PostgreSQL and embedded (PGlite) adapters against a baseline of plain
 * single-row INSERT transactions through `pg`, on this machine; and the EventStoreDB adapter,
 * through the real client, against the wire-level test server in this process (open calls and
 * memory after 10,000 appends: what a leak would show; its speeds are not a server's). Writes
 * bench/results/event-store.json. Run: npx tsx bench/event-store.bench.ts
 * Settings: DATABASE_URL (default the local server), BENCH_SECONDS per timed phase (default 3),
 * BENCH_ROUNDS and BENCH_ROUND_SECONDS for the interleaved baseline comparison (5 x 1.5 s);
 * BENCH_NEW_STREAMS_ONLY=1 stops after the new-streams comparison (printed, nothing written).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { createEmbeddedEventStore, PgliteDatabase } from '../libs/event-store/src/embedded';
import type { EventStore, NewEvent } from '../libs/event-store/src/port';
import { createPgPool, createPostgresEventStore } from '../libs/event-store/src/postgres';
import { createEventStoreDbEventStore } from '../libs/event-store/src/eventstoredb';
import { WireLevelServer } from '../libs/event-store/src/eventstoredb/testing/wire-server/wire-level-server';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** Baseline and adapter alternate in short rounds: the machine is shared, its load moves. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 1.5);
const CATCH_UP_EVENTS = 100_000;
const BATCH_SIZE = 100;
const STREAM_READ_EVENTS = 1_000;

const payload = {
  sessionId: 'b3c1e0f4-5d8a-4f5e-9d2c-0a1b2c3d4e5f',
  reason: 'cancelled-by-client',
  noticeMinutes: 1380,
  late: true,
  cancelledAt: '2026-11-25T10:00:00.000Z',
};

function event(index: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'SessionCancelled',
    schemaVersion: 1,
    data: { ...payload, index },
    metadata: {
      occurredAt: '2026-11-25T10:00:00.000Z',
      actor: { userId: 'professional-1', role: 'professional' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  };
}

const log = (message: string): void => {
  process.stdout.write(`${message}\n`);
};

/** Runs `writers` loops for `seconds`; each call does `unitsPerCall` units of work. */
async function timed(
  writers: number,
  unitsPerCall: number,
  call: (writer: number) => Promise<unknown>,
  seconds = SECONDS,
): Promise<number> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let units = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      while (performance.now() < deadline) {
        await call(writer);
        units += unitsPerCall;
      }
    }),
  );
  return Math.round(units / ((performance.now() - started) / 1000));
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
};

/** Single-event appends, each writer on its own stream with exact expected versions. */
function singleAppender(store: EventStore, writers: number): (writer: number) => Promise<unknown> {
  const streams = Array.from({ length: writers }, () => `bench-single-${randomUUID()}`);
  const versions = streams.map(() => -1);
  return async (writer) => {
    const version = versions[writer];
    const result = await store.append(
      streams[writer],
      [event(version + 1)],
      version < 0 ? 'no-stream' : version,
    );
    versions[writer] = result.version;
  };
}

/** Single-event appends, each to a new stream ('no-stream'): what scheduling a session does. */
function newStreamAppender(store: EventStore): () => Promise<unknown> {
  return () => store.append(`bench-new-${randomUUID()}`, [event(0)], 'no-stream');
}

/**
 * A scratch table (bigserial PK, jsonb) and two baselines of plain single-row INSERT transactions
 * through `pg`: `autocommit`, one statement that is its own transaction (one round trip, the
 * strict one); `explicit`, BEGIN / INSERT / COMMIT on one pooled connection (three round trips,
 * what a repository that opens a transaction per write does).
 */
async function baselineInserter(pool: Pool): Promise<{
  autocommit: () => Promise<unknown>;
  explicit: () => Promise<unknown>;
  drop: () => Promise<unknown>;
}> {
  const table = `bench_scratch_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  await pool.query(`CREATE TABLE ${table} (id bigserial PRIMARY KEY, data jsonb NOT NULL)`);
  const text = JSON.stringify(event(0));
  const insert = `INSERT INTO ${table} (data) VALUES ($1)`;
  return {
    autocommit: () => pool.query(insert, [text]),
    explicit: async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(insert, [text]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    },
    drop: () => pool.query(`DROP TABLE IF EXISTS ${table}`),
  };
}

interface Round {
  readonly autocommit: number;
  readonly explicit: number;
  readonly adapter: number;
}

interface Comparison {
  readonly adapterPerSecond: number;
  readonly autocommitInsertPerSecond: number;
  readonly explicitTransactionInsertPerSecond: number;
  /** Medians of the per-round ratios adapter / baseline. */
  readonly ratioToAutocommitInsert: number;
  readonly ratioToExplicitTransactionInsert: number;
  readonly rounds: Round[];
}

const ratioOf = (rounds: readonly Round[], base: (round: Round) => number): number =>
  Number((median(rounds.map((round) => (round.adapter / base(round)) * 1000)) / 1000).toFixed(2));

/** Alternates the baselines and the adapter in short rounds at the same concurrency. */
async function compare(
  store: EventStore,
  writers: number,
  append: (writer: number) => Promise<unknown> = singleAppender(store, writers),
): Promise<Comparison> {
  const pool = createPgPool({
    connectionString: DATABASE_URL,
    max: writers,
    onConnectionError: () => undefined,
  });
  const baseline = await baselineInserter(pool);
  const rounds: Round[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const autocommit = await timed(writers, 1, baseline.autocommit, ROUND_SECONDS);
      const explicit = await timed(writers, 1, baseline.explicit, ROUND_SECONDS);
      const adapter = await timed(writers, 1, append, ROUND_SECONDS);
      rounds.push({ autocommit, explicit, adapter });
    }
  } finally {
    await baseline.drop();
    await pool.end();
  }
  return {
    adapterPerSecond: median(rounds.map((round) => round.adapter)),
    autocommitInsertPerSecond: median(rounds.map((round) => round.autocommit)),
    explicitTransactionInsertPerSecond: median(rounds.map((round) => round.explicit)),
    ratioToAutocommitInsert: ratioOf(rounds, (round) => round.autocommit),
    ratioToExplicitTransactionInsert: ratioOf(rounds, (round) => round.explicit),
    rounds,
  };
}

async function batchAppends(store: EventStore): Promise<number> {
  const streamId = `bench-batch-${randomUUID()}`;
  let version = -1;
  return timed(1, BATCH_SIZE, async () => {
    const events = Array.from({ length: BATCH_SIZE }, (_, index) => event(index));
    const result = await store.append(streamId, events, version < 0 ? 'no-stream' : version);
    version = result.version;
  });
}

async function readStreamMs(store: EventStore): Promise<{ medianMs: number; runs: number }> {
  const streamId = `bench-read-${randomUUID()}`;
  for (let start = 0; start < STREAM_READ_EVENTS; start += BATCH_SIZE) {
    const events = Array.from({ length: BATCH_SIZE }, (_, index) => event(start + index));
    await store.append(streamId, events, start === 0 ? 'no-stream' : start - 1);
  }
  const times: number[] = [];
  for (let run = 0; run < 21; run += 1) {
    const started = performance.now();
    const read = await store.readStream(streamId);
    times.push(performance.now() - started);
    if (read.length !== STREAM_READ_EVENTS) throw new Error(`read ${read.length} events`);
  }
  times.sort((a, b) => a - b);
  return { medianMs: Number(times[10].toFixed(2)), runs: times.length };
}

async function catchUp(
  store: EventStore,
): Promise<{ eventsPerSecond: number; seedSeconds: number }> {
  const head = await store.headPosition();
  const streamId = `bench-catch-up-${randomUUID()}`;
  const seedStarted = performance.now();
  const seedBatch = 1_000;
  for (let start = 0; start < CATCH_UP_EVENTS; start += seedBatch) {
    const events = Array.from({ length: seedBatch }, (_, index) => event(start + index));
    await store.append(streamId, events, start === 0 ? 'no-stream' : start - 1);
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const controller = new AbortController();
  const started = performance.now();
  let seen = 0;
  for await (const recorded of store.subscribe({ after: head, signal: controller.signal })) {
    if (recorded.streamId === streamId) seen += 1;
    if (seen === CATCH_UP_EVENTS) break;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    eventsPerSecond: Math.round(CATCH_UP_EVENTS / seconds),
    seedSeconds: Number(seedSeconds.toFixed(1)),
  };
}

async function commonFigures(name: string, store: EventStore) {
  log(`[${name}] 100-event batch appends, 1 writer`);
  const batch = await batchAppends(store);
  log(`[${name}]   ${batch} events/s; reading a 1,000-event stream`);
  const read = await readStreamMs(store);
  log(`[${name}]   median ${read.medianMs} ms; catch-up over ${CATCH_UP_EVENTS} events`);
  const catchUpFigures = await catchUp(store);
  log(`[${name}]   ${catchUpFigures.eventsPerSecond} events/s`);
  return {
    batch100AppendEventsPerSecond: batch,
    readStream1000Events: read,
    catchUp100kEventsPerSecond: catchUpFigures.eventsPerSecond,
    catchUpSeedSeconds: catchUpFigures.seedSeconds,
  };
}

async function postgresFigures(store: EventStore) {
  const comparisons: Record<string, Comparison> = {};
  const newStreamsOnly = process.env.BENCH_NEW_STREAMS_ONLY === '1';
  for (const writers of newStreamsOnly ? [] : [1, 8]) {
    log(`[postgres] single-event appends vs baseline INSERTs, ${writers} writer(s), interleaved`);
    const comparison = await compare(store, writers);
    log(
      `[postgres]   ${comparison.adapterPerSecond}/s vs autocommit INSERT ` +
        `${comparison.autocommitInsertPerSecond}/s (ratio ${comparison.ratioToAutocommitInsert}), ` +
        `vs BEGIN/INSERT/COMMIT ${comparison.explicitTransactionInsertPerSecond}/s ` +
        `(ratio ${comparison.ratioToExplicitTransactionInsert})`,
    );
    comparisons[`writers${writers}`] = comparison;
  }
  log('[postgres] single-event appends to NEW streams vs baseline INSERTs, 8 writers, interleaved');
  const newStreams = await compare(store, 8, newStreamAppender(store));
  log(
    `[postgres]   ${newStreams.adapterPerSecond}/s vs autocommit INSERT ` +
      `${newStreams.autocommitInsertPerSecond}/s (ratio ${newStreams.ratioToAutocommitInsert})`,
  );
  if (newStreamsOnly) return undefined;
  return {
    singleEventAppends: comparisons as { writers1: Comparison; writers8: Comparison },
    singleEventAppendsToNewStreams: { writers8: newStreams },
    ...(await commonFigures('postgres', store)),
  };
}

async function embeddedFigures(store: EventStore) {
  const single: Record<string, number> = {};
  for (const writers of [1, 8]) {
    log(`[embedded] single-event appends, ${writers} writer(s)`);
    single[`writers${writers}`] = await timed(writers, 1, singleAppender(store, writers));
    log(`[embedded]   ${single[`writers${writers}`]} events/s`);
  }
  return {
    singleEventAppendsPerSecond: single as { writers1: number; writers8: number },
    ...(await commonFigures('embedded', store)),
  };
}

const WIRE_APPENDS = 10_000;

/** A full garbage collection, so heap figures compare live memory, not garbage. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
}

const megabytes = (bytes: number): number => Number((bytes / 2 ** 20).toFixed(1));

async function wireLevelFigures() {
  const server = await WireLevelServer.start();
  const store = createEventStoreDbEventStore({ connectionString: server.url });
  try {
    await store.append(`bench-warm-${randomUUID()}`, [event(0)], 'no-stream');
    collectGarbage();
    const before = process.memoryUsage();
    const callsBefore = server.calls.length;
    log(`[eventstoredb, wire-level test server] ${WIRE_APPENDS} single-event appends, 8 writers`);
    const append = singleAppender(store, 8);
    const started = performance.now();
    let done = 0;
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        while (done < WIRE_APPENDS) {
          done += 1;
          await append(writer);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const requests = server.calls.slice(callsBefore);
    const openAfterAppends = server.openCalls();
    await store.headPosition();
    await store.readAll({ maxCount: 10 });
    const openAfterReads = server.openCalls();
    collectGarbage();
    const after = process.memoryUsage();
    await store.close();
    await server.whenIdle();
    const figures = {
      appends: done,
      appendsPerSecond: Math.round(done / seconds),
      readRequestsDuringAppends: requests.filter((call) => call.kind === 'read-stream').length,
      openServerCallsAfterAppends: openAfterAppends,
      openServerCallsAfterReads: openAfterReads,
      openServerCallsAfterClose: server.openCalls(),
      heapUsedMbBefore: megabytes(before.heapUsed),
      heapUsedMbAfter: megabytes(after.heapUsed),
      rssMbBefore: megabytes(before.rss),
      rssMbAfter: megabytes(after.rss),
      serverLogRecords: server.log.records().length,
      note: 'server and client share this process: the heap holds the server log too',
    };
    log(`[eventstoredb]   ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    await store.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const began = performance.now();
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const admin = createPgPool({
    connectionString: DATABASE_URL,
    max: 1,
    onConnectionError: () => undefined,
  });
  const { rows } = await admin.query<{ version: string }>('SELECT version()');

  const postgres = await createPostgresEventStore({
    connectionString: DATABASE_URL,
    schema,
    poolSize: 10,
    heldBackCheckIntervalMs: 0,
  });
  let pg;
  try {
    pg = await postgresFigures(postgres);
  } finally {
    await postgres.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
  // BENCH_NEW_STREAMS_ONLY: printed above, nothing written (and the schema dropped all the same).
  if (pg === undefined) return;

  const pglite = await PgliteDatabase.open();
  const embedded = await createEmbeddedEventStore({ database: pglite });
  let pgl;
  try {
    pgl = await embeddedFigures(embedded);
  } finally {
    await embedded.close();
    await pglite.close();
  }

  const wire = await wireLevelFigures();

  const results = {
    benchmark: 'event-store',
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      os: `${platform()} ${release()}`,
      node: process.version,
      postgres: rows[0]?.version ?? 'unknown',
      loadAverageAtEnd: loadavg().map((value) => Number(value.toFixed(2))),
    },
    params: {
      secondsPerTimedPhase: SECONDS,
      interleavedRounds: ROUNDS,
      secondsPerRound: ROUND_SECONDS,
      batchSize: BATCH_SIZE,
      streamReadEvents: STREAM_READ_EVENTS,
      catchUpEvents: CATCH_UP_EVENTS,
      subscriptionBatchSize: 1000,
      postgresPoolSize: 10,
      postgresNotify: 'after-commit',
      payloadBytes: JSON.stringify(event(0)).length,
      baseline:
        'autocommit single-row INSERT of the same JSON into a scratch table (bigserial PK, jsonb) through pg',
    },
    postgres: pg,
    embedded: pgl,
    eventstoredbOnWireLevelTestServer: wire,
    targets: {
      postgresWriters8AtLeast70PercentOfAutocommitInsert:
        pg.singleEventAppends.writers8.ratioToAutocommitInsert >= 0.7,
      postgresNewStreamsWriters8AtLeast85PercentOfAutocommitInsert:
        pg.singleEventAppendsToNewStreams.writers8.ratioToAutocommitInsert >= 0.85,
      postgresWriters8AtLeast70PercentOfExplicitTransactionInsert:
        pg.singleEventAppends.writers8.ratioToExplicitTransactionInsert >= 0.7,
      postgresBatchAtLeast30kEventsPerSecond: pg.batch100AppendEventsPerSecond >= 30_000,
      postgresCatchUpAtLeast50kEventsPerSecond: pg.catchUp100kEventsPerSecond >= 50_000,
      eventstoredbNoCallLeftOpenAfterClose: wire.openServerCallsAfterClose === 0,
      eventstoredbNoReadBackPerAppend: wire.readRequestsDuringAppends === 0,
    },
    totalSeconds: Math.round((performance.now() - began) / 1000),
  };
  const directory = join(__dirname, 'results');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'event-store.json'), `${JSON.stringify(results, null, 2)}\n`);
  log(JSON.stringify(results.targets));
  log(`written bench/results/event-store.json in ${results.totalSeconds} s`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
