import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, type PostgresEventStore } from '@app/event-store/postgres';
import { itUnless, serviceAvailability } from '@test/support/requires-service';
import {
  createPgExecutor,
  migrateConsumerStore,
  PgAdvisoryLeaseProvider,
  type SchemaDatabase,
} from '@app/consumers';
import { silentLogger } from '@app/event-store';
import { eventually } from '@app/event-store/testing';
import { appendAll, header, readUntil, scheduled, uniqueTopics } from '../testing';
import { KafkaPublisher } from './kafka-publisher';
import { KafkaSink } from './kafka-sink';

jest.setTimeout(90_000);

const kafka = serviceAvailability('kafka');
const postgres = serviceAvailability('postgres');
const skipReason = !kafka.available
  ? kafka.reason
  : !postgres.available
    ? postgres.reason
    : undefined;

describe('Kafka publisher replicas (PostgreSQL store and lease)', () => {
  let store: PostgresEventStore | undefined;
  let consumers: SchemaDatabase | undefined;
  const schema = `pub_${randomUUID().replace(/-/g, '').slice(0, 10)}`;

  afterAll(async () => {
    if (store === undefined) return;
    await store.database.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await store.database.query(`DROP SCHEMA IF EXISTS "${schema}_msg" CASCADE`);
    await consumers?.close();
    await store.close();
  });

  itUnless(
    skipReason,
    'of two replicas exactly one publishes; when it stops, the standby resumes from its checkpoint',
    async () => {
      if (!kafka.available || !postgres.available) return;
      store = await createPostgresEventStore({
        connectionString: postgres.url,
        schema,
        heldBackCheckIntervalMs: 0,
      });
      const db = createPgExecutor({ connectionString: postgres.url, schema: `${schema}_msg` });
      consumers = db;
      await migrateConsumerStore(db);
      const topics = uniqueTopics();
      const name = `pub-${randomUUID().slice(0, 8)}`;
      const replica = (): KafkaPublisher =>
        new KafkaPublisher(
          {
            store: store as PostgresEventStore,
            db,
            sink: new KafkaSink({
              brokers: kafka.url.split(','),
              clientId: 'replica',
              topics,
              logger: silentLogger,
            }),
            leases: new PgAdvisoryLeaseProvider({
              connectionString: postgres.url,
              scope: `${schema}_msg`,
            }),
            logger: silentLogger,
          },
          { name, leaseRetryMs: 100, backoff: { initialMs: 50, maxMs: 500 } },
        );
      const [a, b] = [replica(), replica()];
      a.start();
      const first = await appendAll(store, [scheduled(randomUUID()), scheduled(randomUUID())]);
      await a.waitForPosition(first);
      b.start();
      const second = await appendAll(store, [scheduled(randomUUID())]);
      await a.waitForPosition(second);
      // b starts asynchronously: it stays idle until its first attempt at the lease a holds.
      await eventually('the second replica on standby', () =>
        Promise.resolve(b.state === 'standby' ? true : undefined),
      );
      expect(b.state).toBe('standby');
      expect(b.snapshot().totals.events).toBe(0);

      await a.stop();
      const third = await appendAll(store, [scheduled(randomUUID())]);
      await b.waitForPosition(third);
      expect(b.snapshot().totals.events).toBe(1); // from the checkpoint a left, nothing again
      await b.stop();

      const records = await readUntil(kafka.url, [topics.names.lifecycle], (r) => r.length >= 4);
      const ids = records.map((r) => header(r, 'ce_id'));
      expect(new Set(ids).size).toBe(4);
    },
  );
});
