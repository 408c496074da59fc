import { createKafkaPublisher, type KafkaPublisher, kafkaConfigFromEnv } from '@app/messaging';
import type { AppConfig } from '@app/platform';
import type { ProjectorStores } from './projector-stores';
import type { AppLogger } from '@app/event-store';

export const PUBLISHER_OFF_MESSAGE = 'Kafka publisher off: KAFKA_BROKERS not set';

/**
 * The Kafka publisher beside the projections, when KAFKA_BROKERS is set: a consumer of the log on
 * the same core, its checkpoint in the read-model database, its lease the same advisory-lock
 * scheme (one replica publishes). Started here; the caller stops it on shutdown.
 */
export function startPublisher(
  config: AppConfig,
  stores: ProjectorStores,
  logger: AppLogger,
  env: NodeJS.ProcessEnv = process.env,
): KafkaPublisher | undefined {
  if (config.kafkaBrokers === undefined || config.databaseUrl === undefined) {
    logger.info(PUBLISHER_OFF_MESSAGE);
    return undefined;
  }
  const setup = createKafkaPublisher(kafkaConfigFromEnv(env), {
    store: stores.eventStore,
    db: stores.readModels.executor,
    leases: stores.readModels.leases,
    logger,
    heldBack: stores.heldBack,
  });
  if (!setup.enabled) return undefined;
  setup.publisher.start();
  return setup.publisher;
}
