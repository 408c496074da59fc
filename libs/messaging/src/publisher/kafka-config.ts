import { resolveTopicSettings, type TopicSettings } from '../topics';

/** The publisher's settings from the environment (docs/architecture.md, "Configuration"). */
export interface KafkaConfig {
  /** Undefined when KAFKA_BROKERS is absent: the publisher is off. */
  readonly brokers: readonly string[] | undefined;
  readonly clientId: string;
  readonly topics: TopicSettings;
}

function integer(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^[1-9][0-9]*$/.test(raw)) {
    throw new RangeError(`${name} must be a positive integer, got "${raw}"`);
  }
  return Number(raw);
}

/** host:port[,host:port...] */
export function parseBrokers(raw: string): string[] {
  const brokers = raw
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  for (const broker of brokers) {
    if (!/^[^\s:]+:[0-9]{1,5}$/.test(broker)) {
      throw new RangeError(`KAFKA_BROKERS: "${broker}" is not host:port`);
    }
  }
  if (brokers.length === 0) throw new RangeError('KAFKA_BROKERS is set but names no broker');
  return brokers;
}

/**
 * KAFKA_BROKERS, KAFKA_CLIENT_ID, KAFKA_TOPIC_PARTITIONS (6), KAFKA_REPLICATION_FACTOR (1),
 * KAFKA_LIFECYCLE_RETENTION_MS and KAFKA_NOTIFICATIONS_RETENTION_MS (7 days). Fails fast, naming
 * the variable, on a malformed value.
 */
export function kafkaConfigFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaConfig {
  const raw = env.KAFKA_BROKERS;
  return {
    brokers: raw === undefined || raw.trim() === '' ? undefined : parseBrokers(raw),
    clientId: env.KAFKA_CLIENT_ID ?? 'session-cancellation-publisher',
    topics: resolveTopicSettings({
      partitions: integer(env, 'KAFKA_TOPIC_PARTITIONS'),
      replicationFactor: integer(env, 'KAFKA_REPLICATION_FACTOR'),
      lifecycleRetentionMs: integer(env, 'KAFKA_LIFECYCLE_RETENTION_MS'),
      notificationsRetentionMs: integer(env, 'KAFKA_NOTIFICATIONS_RETENTION_MS'),
    }),
  };
}
