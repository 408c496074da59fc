/**
 * Projection throughput on PostgreSQL: catch-up of the three read-model projections over a log
 * seeded with a bulk INSERT (not the API), then a full rebuild of each; then the same catch-up
 * over a log holding one poison event per 10,000 (a string where the fee's amountMinor is a
 * number), which the consumer core sets aside. Writes bench/results/projections.json.
 *
 *   npx tsx bench/projections.bench.ts [events=1000000]
 *   DATABASE_URL defaults to the local server; BENCH_CATCH_UP_ONLY=1 skips the rebuilds and the
 *   poisoned log (to compare catch-up alone, e.g. with another version's run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createPostgresEventStore } from '@app/event-store/postgres';
import { listSetAside, readActiveCheckpoint } from '@app/consumers';
import { createPostgresReadModels } from '@app/read-models';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const target = Number(process.argv[2] ?? '1000000');
const esSchema = `bench_proj_es_${process.pid}`;
const rmSchema = `bench_proj_rm_${process.pid}`;
const poisonEsSchema = `bench_proj_pes_${process.pid}`;
const poisonRmSchema = `bench_proj_prm_${process.pid}`;
/** One poison event per this many events: a session's SessionScheduled every ~4,533 sessions. */
const POISON_EVERY_EVENTS = 10_000;
/** Events per session in the generated mix (see seed): 1 + 0.6 + 0.3 + 0.3 + ~0.006. */
const EVENTS_PER_SESSION = 2.206;

/**
 * Sessions i in [from, to): all scheduled, 60% cancelled (every reason), 30% charged (card,
 * invoice, external, sponsored credits), 30% notified, a few uncharged ones deleted. One
 * statement per chunk, each chunk its own transaction (so positions span many transactions).
 */
async function seed(
  admin: Client,
  from: number,
  to: number,
  s = esSchema,
  poisonEverySessions = 0,
): Promise<void> {
  await admin.query(
    `WITH sessions AS (
       SELECT i, 'sess-' || i AS id, 'pro-' || (i % 500) AS pro,
              timestamptz '2026-01-01 00:00:00+00' + i * interval '7 minutes' AS starts
       FROM generate_series($1::int, $2::int - 1) AS i
     ), events AS (
       SELECT i, 0 AS k, 'session-' || id AS stream, 0 AS v, 'SessionScheduled' AS type, 1 AS sv,
              jsonb_build_object('sessionId', id, 'professionalId', pro, 'clientId', 'client-' || i,
                'startsAt', to_char(starts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                'timeZone', 'Europe/Berlin', 'durationMinutes', 50,
                'fee', jsonb_build_object('amountMinor',
                  CASE WHEN $3::int > 0 AND i % $3::int = 17 THEN to_jsonb('12000'::text)
                    ELSE to_jsonb(12000) END, 'currency', 'EUR'),
                'payment', CASE WHEN i % 10 = 2
                  THEN jsonb_build_object('kind', 'sponsored-credits', 'credits', 2)
                  ELSE jsonb_build_object('kind', 'direct') END) AS data, starts
       FROM sessions
       UNION ALL
       SELECT i, 1, 'session-' || id, 1, 'SessionCancelled', 1,
              jsonb_build_object('reason', (ARRAY['cancelled-by-professional', 'cancelled-by-client',
                'client-no-show', 'other'])[i % 4 + 1], 'noticeMinutes', 600, 'late', true,
                'cancelledAt', to_char((starts - interval '10 hours') AT TIME ZONE 'UTC',
                  'YYYY-MM-DD"T"HH24:MI:SS"Z"')) ||
              CASE WHEN i % 4 = 3 THEN jsonb_build_object('note', 'private') ELSE '{}'::jsonb END,
              starts
       FROM sessions WHERE i % 10 < 6
       UNION ALL
       SELECT i, 2, 'session-' || id, 2, 'ClientCharged', 2,
              CASE WHEN i % 10 = 2 THEN jsonb_build_object('method', 'sponsored-credits', 'credits', 2)
                ELSE jsonb_build_object('method', (ARRAY['card', 'invoice', 'external'])[i % 3 + 1],
                  'amountMinor', 9000, 'currency', 'EUR') END,
              starts
       FROM sessions WHERE i % 10 < 3
       UNION ALL
       SELECT i, 3, 'session-' || id, CASE WHEN i % 10 < 3 THEN 3 ELSE 2 END,
              'NotificationRequested', 1, jsonb_build_object('channel', 'default'), starts
       FROM sessions WHERE i % 10 IN (0, 2, 4)
       UNION ALL
       SELECT i, 4, 'session-deletion-' || id, 0, 'SessionDeleted', 1,
              jsonb_build_object('sessionId', id, 'professionalId', pro,
                'deletedBy', jsonb_build_object('userId', pro, 'role', 'professional'),
                'deletedAt', '2025-12-01T00:00:00Z', 'reason', 'booked-by-mistake'), starts
       FROM sessions WHERE i % 1000 = 999
     )
     INSERT INTO ${s}.events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
     SELECT stream, v, gen_random_uuid(), type, sv, data,
            jsonb_build_object('occurredAt', '2025-12-01T00:00:00Z',
              'actor', jsonb_build_object('userId', 'bench', 'role', 'professional'),
              'correlationId', 'bench', 'causationId', 'bench')
     FROM events ORDER BY i, k`,
    [from, to, poisonEverySessions],
  );
}

function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = process.hrtime.bigint();
  return fn().then((value) => ({
    value,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  }));
}

type ReadModels = Awaited<ReturnType<typeof createPostgresReadModels>>;
type EventStore = Awaited<ReturnType<typeof createPostgresEventStore>>;

/** The three projections side by side, as the projector runs them, from 0 to `head`. */
async function catchUpAll(
  eventStore: EventStore,
  readModels: ReadModels,
  head: string,
  batchSize: number,
): Promise<{ totalSeconds: number; reached: Record<string, number> }> {
  const projector = readModels.createProjector(eventStore, { batchSize });
  const names = readModels.projections.map((p) => p.name);
  const reached: Record<string, number> = {};
  const catchUp = await timed(async () => {
    const started = process.hrtime.bigint();
    projector.start();
    await Promise.all(
      names.map(async (name) => {
        await readModels.waitForPosition(name, head, 30 * 60_000);
        reached[name] = Number(process.hrtime.bigint() - started) / 1e9;
      }),
    );
  });
  await projector.stop();
  return { totalSeconds: catchUp.seconds, reached };
}

const perProjection = (names: readonly string[], count: number, reached: Record<string, number>) =>
  Object.fromEntries(
    names.map((name) => [
      name,
      {
        seconds: Number((reached[name] ?? 0).toFixed(2)),
        eventsPerSecond: Math.round(count / (reached[name] ?? 1)),
      },
    ]),
  );

/** The same log with one poison event per 10,000, caught up by fresh read models. */
async function poisonedCatchUp(admin: Client, sessions: number, batchSize: number) {
  const eventStore = await createPostgresEventStore({
    connectionString: url,
    schema: poisonEsSchema,
    heldBackCheckIntervalMs: 0,
    listen: false,
  });
  const readModels = await createPostgresReadModels({
    connectionString: url,
    schema: poisonRmSchema,
  });
  try {
    const everySessions = Math.round(POISON_EVERY_EVENTS / EVENTS_PER_SESSION);
    for (let from = 0; from < sessions; from += 50_000) {
      await seed(admin, from, Math.min(sessions, from + 50_000), poisonEsSchema, everySessions);
    }
    await admin.query(`ANALYZE ${poisonEsSchema}.events`);
    const count = Number(
      (await admin.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${poisonEsSchema}.events`))
        .rows[0]?.n,
    );
    const head = (await eventStore.headPosition())!;
    const { totalSeconds, reached } = await catchUpAll(eventStore, readModels, head, batchSize);
    const names = readModels.projections.map((p) => p.name);
    const setAside: Record<string, number> = {};
    for (const name of names) {
      const checkpoint = await readActiveCheckpoint(readModels.executor, name);
      setAside[name] = (
        await listSetAside(readModels.executor, name, checkpoint?.generation ?? 1)
      ).count;
    }
    process.stdout.write(
      `poisoned catch-up: ${totalSeconds.toFixed(1)} s, set aside ${JSON.stringify(setAside)}\n`,
    );
    return {
      note: 'the same mix with one poison event per 10,000 events (set aside by the consumer core)',
      events: count,
      poisonEvents: setAside.calendar,
      totalSeconds: Number(totalSeconds.toFixed(2)),
      perProjection: perProjection(names, count, reached),
      setAside,
    };
  } finally {
    await readModels.close();
    await eventStore.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${poisonEsSchema} CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS ${poisonRmSchema} CASCADE`);
  }
}

async function main(): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  const eventStore = await createPostgresEventStore({
    connectionString: url,
    schema: esSchema,
    heldBackCheckIntervalMs: 0,
    listen: false,
  });
  const readModels = await createPostgresReadModels({ connectionString: url, schema: rmSchema });
  try {
    const sessions = Math.ceil(target / EVENTS_PER_SESSION);
    const chunk = 50_000;
    const seeding = await timed(async () => {
      for (let from = 0; from < sessions; from += chunk) {
        await seed(admin, from, Math.min(sessions, from + chunk));
      }
      await admin.query(`ANALYZE ${esSchema}.events`);
    });
    const count = Number(
      (await admin.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${esSchema}.events`))
        .rows[0]?.n,
    );
    const head = (await eventStore.headPosition())!;
    process.stdout.write(`seeded ${count} events in ${seeding.seconds.toFixed(1)} s\n`);

    // Catch-up: the three projections side by side, as the projector runs them.
    const batchSize = Number(process.env.BATCH_SIZE ?? '2000');
    const names = readModels.projections.map((p) => p.name);
    const catchUp = await catchUpAll(eventStore, readModels, head, batchSize);
    process.stdout.write(`catch-up: ${catchUp.totalSeconds.toFixed(1)} s\n`);

    // Rebuild: each projection alone, replayed from position 0 into a fresh generation.
    const catchUpOnly = process.env.BENCH_CATCH_UP_ONLY === '1';
    const rebuilds: Record<string, { seconds: number; eventsPerSecond: number }> = {};
    for (const name of catchUpOnly ? [] : names) {
      const { seconds } = await timed(() => readModels.rebuild(eventStore, name, { batchSize }));
      rebuilds[name] = {
        seconds: Number(seconds.toFixed(2)),
        eventsPerSecond: Math.round(count / seconds),
      };
      process.stdout.write(`rebuild ${name}: ${seconds.toFixed(1)} s\n`);
    }
    const checkpoint = await readActiveCheckpoint(readModels.executor, 'calendar');
    const poisoned = catchUpOnly ? null : await poisonedCatchUp(admin, sessions, batchSize);
    const result = {
      benchmark: 'projections',
      when: new Date().toISOString(),
      machine: {
        cpus: 2,
        node: process.version,
        postgres: (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]
          ?.server_version,
      },
      events: count,
      batchSize,
      seedSeconds: Number(seeding.seconds.toFixed(2)),
      catchUpConcurrent: {
        note: 'three projections running side by side on the same 2 cores and server',
        totalSeconds: Number(catchUp.totalSeconds.toFixed(2)),
        perProjection: perProjection(names, count, catchUp.reached),
      },
      rebuildAlone: rebuilds,
      catchUpWithPoison: poisoned,
      targets: { eventsPerSecondPerProjection: 10_000, rebuildSecondsFor1M: 120 },
      finalPositionMatchesHead: checkpoint?.position === head,
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      join(__dirname, 'results', 'projections.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await readModels.close();
    await eventStore.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${esSchema} CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS ${rmSchema} CASCADE`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
