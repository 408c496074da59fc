import { randomUUID } from 'node:crypto';
import {
  createPgliteExecutor,
  InProcessLeaseProvider,
  migrateConsumerStore,
  readActiveCheckpoint,
  type SchemaDatabase,
} from '@app/consumers';
import { silentLogger, type AppLogger, type EventStore, type Position } from '@app/event-store';
import { createEmbeddedEventStore, type PgliteDatabase } from '@app/event-store/embedded';
import type { SqlEventStore } from '@app/event-store/sql';
import {
  KafkaPublisher,
  KafkaSink,
  type KafkaPublisherOptions,
  type MessageSink,
} from '../publisher';
import { resolveTopicSettings, type TopicRole, type TopicSettings } from '../topics';
import type { StreamAppend } from './session-events';

/** Topics of their own for one test, so tests sharing a broker never read each other's records. */
export function uniqueTopics(): TopicSettings {
  const suffix = randomUUID().slice(0, 8);
  return resolveTopicSettings({
    names: {
      lifecycle: `test.${suffix}.sessions.lifecycle.v1`,
      notifications: `test.${suffix}.sessions.notifications.v1`,
      state: `test.${suffix}.sessions.state.v1`,
    },
    partitions: 3,
  });
}

export const topicList = (topics: TopicSettings): string[] =>
  (['lifecycle', 'notifications', 'state'] as TopicRole[]).map((role) => topics.names[role]);

/** Collects warnings instead of printing them; tests may assert on them. */
export function collectingLogger(): AppLogger & { readonly warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    info: silentLogger.info,
    warn: (message, details) => warnings.push(`${message} ${JSON.stringify(details ?? {})}`),
  };
}

export interface PublisherWorld {
  readonly store: SqlEventStore;
  /** The consumer store the publisher keeps its checkpoint in. */
  readonly db: SchemaDatabase;
  readonly topics: TopicSettings;
  /** The publisher's stored checkpoint. */
  checkpoint(name?: string): Promise<Position | undefined>;
  publisher(options?: {
    sink?: (inner: MessageSink) => MessageSink;
    /** The store as the publisher reads it (e.g. through upcasters). */
    reads?: (inner: EventStore) => EventStore;
    publisher?: KafkaPublisherOptions;
    brokers?: string;
  }): KafkaPublisher;
  append(...appends: StreamAppend[]): Promise<string>;
}

/** An embedded store and consumer store in fresh schemas of a shared PGlite, plus topics. */
export async function publisherWorld(
  db: PgliteDatabase,
  brokers: string,
  logger: AppLogger = silentLogger,
): Promise<PublisherWorld> {
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const store = await createEmbeddedEventStore({
    database: db,
    schema,
    subscription: { pollIntervalMs: 200, retryDelayMs: 50 },
  });
  const consumers = await createPgliteExecutor({ database: db, schema: `${schema}_msg` });
  await migrateConsumerStore(consumers);
  const leases = new InProcessLeaseProvider();
  const topics = uniqueTopics();
  return {
    store,
    db: consumers,
    topics,
    checkpoint: async (name = 'kafka-publisher') =>
      (await readActiveCheckpoint(consumers, name))?.position,
    publisher: (options = {}) => {
      const kafkaSink = new KafkaSink({
        brokers: (options.brokers ?? brokers).split(','),
        clientId: 'test-publisher',
        topics,
        logger,
      });
      return new KafkaPublisher(
        {
          store: options.reads?.(store) ?? store,
          db: consumers,
          sink: options.sink?.(kafkaSink) ?? kafkaSink,
          leases,
          logger,
        },
        { backoff: { initialMs: 50, maxMs: 500 }, ...options.publisher },
      );
    },
    append: (...appends) => appendAll(store, appends),
  };
}

/** Appends in order; answers the position of the last event. */
export async function appendAll(
  store: EventStore,
  appends: readonly StreamAppend[],
): Promise<string> {
  let position = '0';
  for (const a of appends) {
    position = (await store.append(a.streamId, a.events, 'any')).position;
  }
  return position;
}
