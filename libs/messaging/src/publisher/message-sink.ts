import type { IntegrationMessage } from '../integration-events';

/**
 * Where mapped messages go: Kafka in production, a fake in unit tests. `send` resolves only once
 * every message is acknowledged by the broker (acks = all); until then nothing counts as sent.
 */
export interface MessageSink {
  /** Connects and creates missing topics; safe to call again after a reset. */
  prepare(): Promise<void>;
  send(messages: readonly IntegrationMessage[]): Promise<void>;
  /** Drops the connection after a failure, so the next prepare starts from a clean producer. */
  reset(): Promise<void>;
  close(): Promise<void>;
}
