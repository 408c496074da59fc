import { StoreRefusedError, StoreUnavailableError } from '@app/event-store';

/**
 * SQLSTATE classes that say nothing about the event being applied: connection exception (08),
 * transaction rollback (40: serialization failure, deadlock), insufficient resources (53),
 * operator intervention (57: shutdown, statement timeout, cancel).
 */
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '40', '53', '57']);

/** Node's socket errors: the network or the server went away. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What pg and pg-pool say, without a code, when the connection is gone or cannot be had. */
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /connection timeout/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /cannot use a pool after calling end/i,
];

/**
 * Transient: connection loss, timeouts, the classes above, the event store unavailable (not a
 * StoreRefusedError: retrying cannot help), and any
 * error marked `retriable` (kafkajs marks its own so; the Kafka sink marks a broker it cannot
 * reach). Those are retried with backoff for ever and never blamed on an event. Anything else
 * that fails on an event (malformed data, a value out of a column's range, a bug) is the
 * event's: retried a few times alone, then its session is set aside.
 */
export function isTransient(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    // A refusal is a StoreUnavailableError too, but the same request is refused again.
    if (current instanceof StoreUnavailableError) return !(current instanceof StoreRefusedError);
    const { code, name, message, retriable } = current as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
      retriable?: unknown;
    };
    if (typeof code === 'string') {
      if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2))) {
        return true;
      }
      if (NETWORK_CODES.has(code)) return true;
    }
    if (retriable === true) return true;
    if (name === 'TimeoutError') return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.some((m) => m.test(message))) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
