import type { Resolution } from './services';

/**
 * Resolves Kafka for a test run in the order docs/architecture.md ("Services in tests") gives:
 * KAFKA_BROKERS, then testcontainers' Kafka module where a container runtime answers, then a real
 * broker started by scripts/kafka from Maven Central jars, else a reason to skip. Same signature as
 * the resolvers in services.ts, so it plugs into their map as `kafka: resolveKafka`.
 */
export const KAFKA_ENV_URL = 'KAFKA_BROKERS';
export const KAFKA_TEST_IMAGE = 'confluentinc/cp-kafka:7.9.0';

export async function resolveKafka(): Promise<Resolution> {
  const explicit = process.env[KAFKA_ENV_URL];
  if (explicit) return { url: explicit, source: `KAFKA_BROKERS (${explicit})` };

  // Imported here, not at the top: services.ts imports this file for its resolvers map.
  const { containerRuntimeProblem } = await import('./services');
  const runtimeProblem = await containerRuntimeProblem();
  if (!runtimeProblem) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const container = await new KafkaContainer(KAFKA_TEST_IMAGE).withKraft().start();
    return {
      url: `${container.getHost()}:${container.getMappedPort(9093)}`,
      source: `testcontainers (${KAFKA_TEST_IMAGE})`,
      stop: async () => {
        await container.stop();
      },
    };
  }

  const { javaToolchainProblem } = await import('../../scripts/kafka/classpath');
  const toolchainProblem = javaToolchainProblem();
  if (toolchainProblem === undefined) {
    const { startKafkaBroker } = await import('../../scripts/kafka/kafka-broker');
    const started = Date.now();
    try {
      const broker = await startKafkaBroker();
      return {
        url: broker.bootstrap,
        source: `local Apache Kafka from scripts/kafka at ${broker.bootstrap} (started in ${Date.now() - started} ms)`,
        stop: () => broker.stop(),
      };
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return {
        skipReason: `Kafka unavailable: KAFKA_BROKERS is not set, ${runtimeProblem}, and scripts/kafka failed (${reason})`,
      };
    }
  }
  return {
    skipReason: `Kafka unavailable: KAFKA_BROKERS is not set, ${runtimeProblem}, and ${toolchainProblem} for scripts/kafka`,
  };
}
