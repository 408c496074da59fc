import type { EventStore } from '@app/event-store';
import type { CheckpointStore } from '../checkpoints';
import type { PublisherLease } from '../lease';
import type { MessagingLogger } from '../support';
import type { DeletionLookup } from './deletion-lookup';
import type { KafkaConfig } from './kafka-config';
import { KafkaPublisher, type KafkaPublisherOptions } from './kafka-publisher';
import { KafkaSink } from './kafka-sink';

export const PUBLISHER_DISABLED_MESSAGE =
  'Kafka publisher disabled: KAFKA_BROKERS is not set, so no integration events are published ' +
  '(they stay in the event store and are published from the checkpoint once it is set)';

export type KafkaPublisherSetup =
  | { readonly enabled: false; readonly reason: string }
  | { readonly enabled: true; readonly publisher: KafkaPublisher };

export interface CreateKafkaPublisherDeps {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  /** postgresAdvisoryLease with PostgreSQL, alwaysHeldLease on the embedded store. */
  readonly lease: PublisherLease;
  readonly logger: MessagingLogger;
  /** sqlDeletionLookup(db, eventStoreSchema) on the PostgreSQL and embedded stores. */
  readonly deletionLookup?: DeletionLookup;
}

/**
 * The publisher the configuration asks for. Without KAFKA_BROKERS the system runs without it and
 * says so once, here, at start. The publisher is returned unstarted: the caller starts and stops it
 * with the application's lifecycle.
 */
export function createKafkaPublisher(
  config: KafkaConfig,
  deps: CreateKafkaPublisherDeps,
  options: KafkaPublisherOptions = {},
): KafkaPublisherSetup {
  if (config.brokers === undefined) {
    deps.logger.info(PUBLISHER_DISABLED_MESSAGE);
    return { enabled: false, reason: PUBLISHER_DISABLED_MESSAGE };
  }
  const sink = new KafkaSink({
    brokers: config.brokers,
    clientId: config.clientId,
    topics: config.topics,
    logger: deps.logger,
  });
  deps.logger.info('Kafka publisher enabled', {
    brokers: config.brokers,
    topics: config.topics.names,
    lease: deps.lease.description,
  });
  return { enabled: true, publisher: new KafkaPublisher({ ...deps, sink }, options) };
}
