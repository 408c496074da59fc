import type { KafkaConfig } from './kafka-config';
import {
  KafkaPublisher,
  type KafkaPublisherDeps,
  type KafkaPublisherOptions,
} from './kafka-publisher';
import { KafkaSink } from './kafka-sink';

export const PUBLISHER_DISABLED_MESSAGE =
  'Kafka publisher disabled: KAFKA_BROKERS is not set, so no integration events are published ' +
  '(they stay in the event store and are published from the checkpoint once it is set)';

export type KafkaPublisherSetup =
  | { readonly enabled: false; readonly reason: string }
  | { readonly enabled: true; readonly publisher: KafkaPublisher };

/** Everything but the sink, which the configuration decides. */
export type CreateKafkaPublisherDeps = Omit<KafkaPublisherDeps, 'sink'>;

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
    lease: deps.leases.description,
  });
  return { enabled: true, publisher: new KafkaPublisher({ ...deps, sink }, options) };
}
