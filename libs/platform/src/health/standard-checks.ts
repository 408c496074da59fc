import type { ConsumerStatus } from '@app/consumers';
import {
  DEFAULT_CHECK_TIMEOUT_MS,
  type CheckOutcome,
  type ReadinessCheck,
  type ReadinessCheckGroup,
} from './readiness-check';

/**
 * A dependency answers: `probe` resolves (its details shown) within the timeout; otherwise the
 * check is `whenUnreachable`.
 */
export function reachable(
  name: string,
  probe: () => Promise<Record<string, unknown> | void>,
  whenUnreachable: 'down' | 'degraded',
  timeoutMs = DEFAULT_CHECK_TIMEOUT_MS,
): ReadinessCheck {
  return {
    name,
    whenUnreachable,
    timeoutMs,
    async check(): Promise<CheckOutcome> {
      const details = await probe();
      return { state: 'up', ...(details ? { details } : {}) };
    },
  };
}

/** The event store answers with its head position; the process cannot serve without it. */
export const eventStoreReachable = (
  headPosition: () => Promise<string | undefined>,
  timeoutMs = DEFAULT_CHECK_TIMEOUT_MS,
): ReadinessCheck =>
  reachable(
    'eventStore',
    async () => ({ headPosition: (await headPosition()) ?? null }),
    'down',
    timeoutMs,
  );

/** A SQL database answers `SELECT 1` (the read models', the idempotency records'). */
export const sqlReachable = (
  name: string,
  db: { query(sql: string): Promise<unknown> },
  whenUnreachable: 'down' | 'degraded',
  details?: Record<string, unknown>,
): ReadinessCheck =>
  reachable(
    name,
    async () => {
      await db.query('SELECT 1 AS one');
      return details;
    },
    whenUnreachable,
  );

/** The check's name for a consumer of the log. */
export const consumerCheckName = (consumer: string): string => `consumer:${consumer}`;

/**
 * One check per consumer of the log (projections, the publisher when configured), from one
 * status read: `degraded` with its reasons named (an error, sessions set aside, held back by an
 * open transaction, Kafka unreachable), `standby` for a replica waiting on another's lease, else
 * up; lag is shown, not judged (a consumer catching up still serves: minPosition waits). When the
 * statuses cannot be read the consumers are `degraded` (the database check says whether that is
 * an outage).
 */
export function consumerChecks(
  names: () => readonly string[],
  statuses: () => Promise<readonly ConsumerStatus[]>,
  timeoutMs = DEFAULT_CHECK_TIMEOUT_MS,
): ReadinessCheckGroup {
  return {
    names: () => names().map(consumerCheckName),
    whenUnreachable: 'degraded',
    timeoutMs,
    async check() {
      const found = await statuses();
      return new Map(
        found.map((status): [string, CheckOutcome] => [
          consumerCheckName(status.name),
          {
            state: status.health.state,
            ...(status.health.reasons.length > 0
              ? { reason: status.health.reasons.join('; ') }
              : {}),
            details: {
              kind: status.kind,
              consumerState: status.state,
              position: status.position,
              lagEvents: status.lagEvents,
              lagSeconds: status.lagSeconds,
              setAside: status.setAside.map((s) => s.sessionId),
              lastError: status.lastError,
            },
          },
        ]),
      );
    },
  };
}
