import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type LogEntry,
  type Producer,
  type TopicMessages,
} from 'kafkajs';
import type { IntegrationMessage } from '../integration-events';
import { topicDefinitions, type TopicSettings } from '../topics';
import { ensureTopics } from './kafka-topics';
import type { MessageSink } from './message-sink';
import type { AppLogger } from '@app/event-store';

export interface KafkaSinkOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly topics: TopicSettings;
  readonly logger: AppLogger;
  /** Per request (default 30 s). */
  readonly requestTimeoutMs?: number;
}

/** Groups records by topic, keeping their order: a session's records stay in sequence. */
export function toTopicMessages(
  messages: readonly IntegrationMessage[],
  topics: TopicSettings,
): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages['messages']>();
  for (const m of messages) {
    const topic = topics.names[m.role];
    let list = byTopic.get(topic);
    if (list === undefined) {
      list = [];
      byTopic.set(topic, list);
    }
    list.push({
      key: m.key,
      value: m.value === null ? null : Buffer.from(JSON.stringify(m.value)),
      headers: { ...m.headers },
    });
  }
  return [...byTopic].map(([topic, list]) => ({ topic, messages: list }));
}

/** Broker answers that blame the records sent, not the broker: the core looks for the event. */
const RECORD_FAULTS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
]);

function blamesRecords(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const type = (current as { type?: unknown }).type;
    if (typeof type === 'string' && RECORD_FAULTS.has(type)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The broker cannot be reached or does not answer: transient (`retriable`), so the publisher backs
 * off and tries again for ever, and its status (health: degraded) says so.
 */
export class KafkaUnavailableError extends Error {
  readonly retriable = true;

  constructor(cause: unknown) {
    super(`Kafka unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'KafkaUnavailableError';
  }
}

const asBrokerError = (error: unknown): unknown =>
  blamesRecords(error) ? error : new KafkaUnavailableError(error);

/**
 * kafkajs 2.2.4 behind the MessageSink port. The producer is idempotent (which kafkajs requires to
 * go with acks = -1 and one request in flight), so the broker drops the copies of its own retries;
 * batches are formed by the publisher (kafkajs has no linger). kafkajs' own retries are kept short:
 * the publisher's loop owns retrying, with backoff and status.
 */
export class KafkaSink implements MessageSink {
  private readonly kafka: Kafka;
  private producer: Producer | undefined;
  private admin: Admin | undefined;

  constructor(private readonly options: KafkaSinkOptions) {
    const logger = options.logger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      connectionTimeout: 3_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 },
      logLevel: logLevel.ERROR,
      logCreator:
        () =>
        ({ namespace, log }: LogEntry) => {
          logger.warn(`kafkajs ${namespace}: ${log.message}`, { error: log.error });
        },
    });
  }

  async prepare(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      throw asBrokerError(error);
    }
  }

  private async connect(): Promise<void> {
    if (this.producer !== undefined) return;
    const admin = this.kafka.admin();
    this.admin = admin;
    await admin.connect();
    await ensureTopics(admin, topicDefinitions(this.options.topics), this.options.logger);
    await admin.disconnect();
    this.admin = undefined;
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Murmur2 as the Java client: a session's key lands on the same partition whoever produces.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    this.producer = producer;
  }

  async send(messages: readonly IntegrationMessage[]): Promise<void> {
    if (this.producer === undefined) throw new Error('KafkaSink.send before prepare');
    if (messages.length === 0) return;
    try {
      await this.producer.sendBatch({
        acks: -1,
        timeout: this.options.requestTimeoutMs ?? 30_000,
        topicMessages: toTopicMessages(messages, this.options.topics),
      });
    } catch (error) {
      throw asBrokerError(error);
    }
  }

  async reset(): Promise<void> {
    const producer = this.producer;
    const admin = this.admin;
    this.producer = undefined;
    this.admin = undefined;
    await producer?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
  }

  close(): Promise<void> {
    return this.reset();
  }
}
