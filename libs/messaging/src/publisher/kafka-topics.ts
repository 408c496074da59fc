import type { Admin } from 'kafkajs';
import type { TopicDefinition } from '../topics';
import type { AppLogger } from '@app/event-store';

/**
 * Creates the contract's topics that are missing, with their partitions and cleanup policies.
 * A topic that exists is left alone (an operator may have tuned it), but a cleanup policy other
 * than the contract's is reported: a compacted lifecycle topic would lose events.
 */
export async function ensureTopics(
  admin: Admin,
  definitions: readonly TopicDefinition[],
  logger: AppLogger,
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = definitions.filter((d) => !existing.has(d.name));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((d) => ({
        topic: d.name,
        numPartitions: d.partitions,
        replicationFactor: d.replicationFactor,
        configEntries: Object.entries(d.config).map(([name, value]) => ({ name, value })),
      })),
    });
    logger.info('created Kafka topics', { topics: missing.map((d) => d.name) });
  }
  const present = definitions.filter((d) => existing.has(d.name));
  if (present.length === 0) return;
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: present.map((d) => ({ type: 2, name: d.name, configNames: ['cleanup.policy'] })),
  });
  for (const resource of described.resources) {
    const expected = present.find((d) => d.name === resource.resourceName)?.config[
      'cleanup.policy'
    ];
    const actual = resource.configEntries.find(
      (e) => e.configName === 'cleanup.policy',
    )?.configValue;
    if (expected !== undefined && actual !== expected) {
      logger.warn('Kafka topic has another cleanup policy than the contract', {
        topic: resource.resourceName,
        expected,
        actual,
      });
    }
  }
}
