import { InProcessLeaseProvider, type SchemaDatabase } from '@app/consumers';
import { topicDefinitions, resolveTopicSettings } from '../topics';
import type { EventStore } from '@app/event-store';
import { createKafkaPublisher, PUBLISHER_DISABLED_MESSAGE } from './create-publisher';
import { kafkaConfigFromEnv, parseBrokers } from './kafka-config';

describe('Kafka configuration', () => {
  it('is off without KAFKA_BROKERS, with the contract defaults', () => {
    const config = kafkaConfigFromEnv({});
    expect(config.brokers).toBeUndefined();
    expect(config.topics).toMatchObject({
      partitions: 6,
      replicationFactor: 1,
      lifecycleRetentionMs: 604_800_000,
      notificationsRetentionMs: 604_800_000,
    });
  });

  it('reads brokers and settings, failing fast with the variable named', () => {
    const config = kafkaConfigFromEnv({
      KAFKA_BROKERS: 'a:9092, b:9093',
      KAFKA_TOPIC_PARTITIONS: '12',
      KAFKA_REPLICATION_FACTOR: '3',
    });
    expect(config.brokers).toEqual(['a:9092', 'b:9093']);
    expect(config.topics).toMatchObject({ partitions: 12, replicationFactor: 3 });
    expect(() => kafkaConfigFromEnv({ KAFKA_TOPIC_PARTITIONS: 'six' })).toThrow(
      /KAFKA_TOPIC_PARTITIONS/,
    );
    expect(() => parseBrokers('localhost')).toThrow(/host:port/);
  });
});

describe('Topic definitions', () => {
  it('are the contract: delete with 7 days for lifecycle and notifications, compact for state', () => {
    expect(topicDefinitions()).toEqual([
      {
        role: 'lifecycle',
        name: 'sessions.lifecycle.v1',
        partitions: 6,
        replicationFactor: 1,
        config: { 'cleanup.policy': 'delete', 'retention.ms': '604800000' },
      },
      {
        role: 'notifications',
        name: 'sessions.notifications.v1',
        partitions: 6,
        replicationFactor: 1,
        config: { 'cleanup.policy': 'delete', 'retention.ms': '604800000' },
      },
      {
        role: 'state',
        name: 'sessions.state.v1',
        partitions: 6,
        replicationFactor: 1,
        config: { 'cleanup.policy': 'compact' },
      },
    ]);
    expect(() => resolveTopicSettings({ partitions: 0 })).toThrow(RangeError);
  });
});

describe('Publisher factory', () => {
  const deps = () => {
    const infos: string[] = [];
    return {
      infos,
      deps: {
        store: {} as EventStore,
        db: {} as SchemaDatabase,
        leases: new InProcessLeaseProvider(),
        logger: { info: (m: string) => infos.push(m), warn: () => undefined },
      },
    };
  };

  it('answers "disabled" and says so once when KAFKA_BROKERS is absent', () => {
    const { infos, deps: d } = deps();
    const setup = createKafkaPublisher(kafkaConfigFromEnv({}), d);
    expect(setup).toEqual({ enabled: false, reason: PUBLISHER_DISABLED_MESSAGE });
    expect(infos).toEqual([PUBLISHER_DISABLED_MESSAGE]);
  });

  it('builds an unstarted publisher when brokers are configured', () => {
    const { deps: d } = deps();
    const setup = createKafkaPublisher(kafkaConfigFromEnv({ KAFKA_BROKERS: '127.0.0.1:9' }), d);
    expect(setup.enabled).toBe(true);
    if (setup.enabled) expect(setup.publisher.state).toBe('idle');
  });
});
