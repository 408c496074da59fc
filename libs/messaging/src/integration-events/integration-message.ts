import type { TopicRole } from '../topics';
import type { IntegrationPayload } from './payloads';

/** One Kafka record to send, before serialisation; `value: null` is a tombstone. */
export interface IntegrationMessage {
  readonly role: TopicRole;
  /** The session id: a session's records share a partition, so they stay in order. */
  readonly key: string;
  readonly value: IntegrationPayload | null;
  readonly headers: Readonly<Record<string, string>>;
}
