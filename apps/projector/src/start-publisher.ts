import {
  createKafkaPublisher,
  type KafkaPublisher,
  kafkaConfigFromEnv,
  postgresAdvisoryLease,
  SqlCheckpointStore,
  type MessagingLogger,
} from '@app/messaging';
import type { AppConfig } from '@app/platform';
import type { ProjectorStores } from './projector-stores';

export const PUBLISHER_OFF_MESSAGE = 'Kafka publisher off: KAFKA_BROKERS not set';

/**
 * The Kafka publisher beside the projections, when KAFKA_BROKERS is set: its checkpoint in the
 * read-model database, its lease a PostgreSQL advisory lock (one replica publishes). Started here;
 * the caller stops it on shutdown.
 */
export async function startPublisher(
  config: AppConfig,
  stores: ProjectorStores,
  logger: MessagingLogger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<KafkaPublisher | undefined> {
  if (config.kafkaBrokers === undefined || config.databaseUrl === undefined) {
    logger.info(PUBLISHER_OFF_MESSAGE);
    return undefined;
  }
  const checkpoints = await SqlCheckpointStore.open(stores.readModels.executor);
  const setup = createKafkaPublisher(kafkaConfigFromEnv(env), {
    store: stores.eventStore,
    checkpoints,
    lease: postgresAdvisoryLease({
      connectionString: config.databaseUrl,
      name: 'kafka-publisher',
      logger,
    }),
    logger,
  });
  if (!setup.enabled) return undefined;
  setup.publisher.start();
  return setup.publisher;
}
