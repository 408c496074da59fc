/**
 * Kafka publisher benchmark: 200,000 events from the event store to a real local broker.
 *  - catch-up: events/s of a publisher starting from 0 over a store that already holds them all
 *    (read, deletion check, state fold, map, send with acks = all, checkpoint);
 *  - live: end-to-end lag (append acknowledged -> record read by a consumer), p50/p99, while
 *    events are appended at a steady rate.
 * Writes bench/results/kafka.json. Run: npx tsx bench/kafka.bench.ts
 * Settings: KAFKA_BROKERS (default: a broker of its own from scripts/kafka), BENCH_EVENTS (200000),
 * BENCH_BATCH (publisher batch size, 1000), BENCH_STORE=postgres|embedded (postgres),
 * DATABASE_URL for postgres, BENCH_LIVE_EVENTS (4000), BENCH_LIVE_RATE (events/s, 1000).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { createEmbeddedEventStore, PgliteDatabase } from '../libs/event-store/src/embedded';
import { createPostgresEventStore } from '../libs/event-store/src/postgres';
import type { SqlEventStore } from '../libs/event-store/src/sql';
import { stderrLogger } from '../libs/event-store/src/logging';
import {
  createPgExecutor,
  createPgliteExecutor,
  InProcessLeaseProvider,
  migrateConsumerStore,
  type SchemaDatabase,
} from '../libs/consumers/src';
import { KafkaPublisher, KafkaSink } from '../libs/messaging/src/publisher';
import { resolveTopicSettings, type TopicSettings } from '../libs/messaging/src/topics';
import { cancelledChargedNotified, scheduled } from '../libs/messaging/src/testing/session-events';
import { startKafkaBroker, type KafkaBroker } from '../scripts/kafka/kafka-broker';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const STORE = process.env.BENCH_STORE ?? 'postgres';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const LIVE_EVENTS = Number(process.env.BENCH_LIVE_EVENTS ?? 4000);
const LIVE_RATE = Number(process.env.BENCH_LIVE_RATE ?? 1000);

const log = (message: string): void => {
  process.stdout.write(`${message}\n`);
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function openStore(schema: string): Promise<{
  store: SqlEventStore;
  consumers: SchemaDatabase;
  close: () => Promise<void>;
}> {
  if (STORE === 'postgres') {
    const store = await createPostgresEventStore({
      connectionString: DATABASE_URL,
      schema,
      heldBackCheckIntervalMs: 0,
    });
    const consumers = createPgExecutor({ connectionString: DATABASE_URL, schema: `${schema}_msg` });
    await migrateConsumerStore(consumers);
    return {
      store,
      consumers,
      close: async () => {
        await consumers.close();
        // The bench's schemas hold 200,000 events: leave the shared database as it was.
        await store.database.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await store.database.query(`DROP SCHEMA IF EXISTS "${schema}_msg" CASCADE`);
        await store.close();
      },
    };
  }
  const db = await PgliteDatabase.open();
  const store = await createEmbeddedEventStore({ database: db, schema });
  const consumers = await createPgliteExecutor({ database: db, schema: `${schema}_msg` });
  await migrateConsumerStore(consumers);
  return {
    store,
    consumers,
    close: async () => {
      await store.close();
      await db.close();
    },
  };
}

/** A session's four events: scheduled, then cancelled + charged + notified in one append. */
async function seed(store: SqlEventStore, sessions: number): Promise<string> {
  let head = '0';
  const ids = Array.from({ length: sessions }, () => randomUUID());
  for (const phase of [scheduled, cancelledChargedNotified]) {
    for (let i = 0; i < ids.length; i += 8) {
      const results = await Promise.all(
        ids.slice(i, i + 8).map((id) => {
          const a = phase(id);
          return store.append(a.streamId, a.events, 'any');
        }),
      );
      head = results.reduce(
        (max, r) => (BigInt(r.position) > BigInt(max) ? r.position : max),
        head,
      );
    }
  }
  return head;
}

function topicsFor(run: string): TopicSettings {
  return resolveTopicSettings({
    names: {
      lifecycle: `bench.${run}.sessions.lifecycle.v1`,
      notifications: `bench.${run}.sessions.notifications.v1`,
      state: `bench.${run}.sessions.state.v1`,
    },
  });
}

async function main(): Promise<void> {
  let broker: KafkaBroker | undefined;
  let brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    broker = await startKafkaBroker({ heap: '1g', log });
    brokers = broker.bootstrap;
  }
  const run = randomUUID().slice(0, 8);
  const schema = `bench_kafka_${run}`;
  const { store, consumers, close } = await openStore(schema);
  try {
    const sessions = Math.ceil(EVENTS / 4);
    log(`seeding ${sessions * 4} events (${sessions} sessions) in the ${STORE} store...`);
    const seedStarted = Date.now();
    const head = await seed(store, sessions);
    const seedMillis = Date.now() - seedStarted;
    log(`seeded in ${seedMillis} ms`);

    const topics = topicsFor(run);
    const logger = { ...stderrLogger('kafka-bench'), info: () => undefined };
    const kafkaSink = new KafkaSink({
      brokers: brokers.split(','),
      clientId: 'bench',
      topics,
      logger,
    });
    // Time spent waiting for the broker's acknowledgements, to tell it from the publisher's own work.
    let sendMillis = 0;
    const sink = {
      prepare: () => kafkaSink.prepare(),
      reset: () => kafkaSink.reset(),
      close: () => kafkaSink.close(),
      send: async (messages: Parameters<KafkaSink['send']>[0]) => {
        const t = Date.now();
        await kafkaSink.send(messages);
        sendMillis += Date.now() - t;
      },
    };
    const publisher = new KafkaPublisher(
      {
        store,
        db: consumers,
        sink,
        leases: new InProcessLeaseProvider(),
        logger,
      },
      { batchSize: BATCH },
    );
    const started = Date.now();
    publisher.start();
    await publisher.waitForPosition(head, 600_000);
    const catchUpMillis = Date.now() - started;
    const status = await publisher.status();
    const catchUp = {
      events: status.totals.events,
      messages: status.totals.messages ?? 0,
      millis: catchUpMillis,
      eventsPerSecond: Math.round((status.totals.events / catchUpMillis) * 1000),
      messagesPerSecond: Math.round(((status.totals.messages ?? 0) / catchUpMillis) * 1000),
      batchSize: BATCH,
      sendMillis,
    };
    log(`catch-up: ${JSON.stringify(catchUp)}`);

    // Live: a consumer on the lifecycle and notifications topics notes when each ce_id arrives.
    const appendedAt = new Map<string, number>();
    const lags: number[] = [];
    const kafka = new Kafka({
      clientId: 'bench-consumer',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: `bench-${run}` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.names.state], fromBeginning: false });
    let expected = 0;
    let resolveAll: () => void = () => undefined;
    const allSeen = new Promise<void>((resolve) => {
      resolveAll = resolve;
    });
    await consumer.run({
      eachMessage: ({ message }) => {
        const id = message.headers?.ce_id?.toString();
        const at = id === undefined ? undefined : appendedAt.get(id);
        if (at !== undefined) {
          lags.push(Date.now() - at);
          appendedAt.delete(id as string);
          if (lags.length >= expected && expected > 0) resolveAll();
        }
        return Promise.resolve();
      },
    });
    // The consumer starts at the end of the topic once it has its partitions: probe until a
    // fresh append comes through (bounded), so no measured event is appended before that.
    expected = 1;
    let probed = false;
    void allSeen.then(() => {
      probed = true;
    });
    for (let attempt = 0; attempt < 120 && !probed; attempt += 1) {
      const probe = scheduled(randomUUID());
      appendedAt.set(probe.events[0].eventId, Date.now());
      await store.append(probe.streamId, probe.events, 'any');
      await Promise.race([allSeen, new Promise((resolve) => setTimeout(resolve, 500))]);
    }
    if (!probed) throw new Error('the live consumer never received a probe');
    appendedAt.clear();
    lags.length = 0;
    let seenResolve: () => void = () => undefined;
    const liveSeen = new Promise<void>((resolve) => {
      seenResolve = resolve;
    });
    resolveAll = seenResolve;
    expected = LIVE_EVENTS;
    const liveSessions = LIVE_EVENTS;
    const interval = 1000 / LIVE_RATE;
    const liveStarted = Date.now();
    for (let i = 0; i < liveSessions; i += 1) {
      const a = scheduled(randomUUID());
      const due = liveStarted + i * interval;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await store.append(a.streamId, a.events, 'any');
      appendedAt.set(a.events[0].eventId, Date.now());
    }
    await Promise.race([liveSeen, new Promise((resolve) => setTimeout(resolve, 120_000))]);
    await consumer.disconnect();
    await publisher.stop();
    const sorted = [...lags].sort((a, b) => a - b);
    const live = {
      events: LIVE_EVENTS,
      received: lags.length,
      ratePerSecond: LIVE_RATE,
      lagMillis: {
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? null,
      },
    };
    log(`live: ${JSON.stringify(live)}`);

    const result = {
      benchmark: 'kafka publisher (event store -> Kafka, acks=all, idempotent producer)',
      at: new Date().toISOString(),
      machine: {
        platform: platform(),
        release: release(),
        cpus: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        loadavg: loadavg(),
      },
      kafka: { brokers: broker ? 'scripts/kafka (Apache Kafka 4.1.2, KRaft, one node)' : brokers },
      store: STORE,
      seed: { events: sessions * 4, millis: seedMillis },
      catchUp,
      live,
      target: { eventsPerSecond: 10_000, met: catchUp.eventsPerSecond >= 10_000 },
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'kafka.json'), `${JSON.stringify(result, null, 2)}\n`);
    log('wrote bench/results/kafka.json');
  } finally {
    await close();
    await broker?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
