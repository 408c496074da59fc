import type { Position } from '@app/event-store';

/**
 * What a consumer is doing, for status and health:
 * - idle: not running in this process (built but not started, or read from another process's
 *   report that stopped coming);
 * - standby: waiting for the lease another replica holds;
 * - running: holding the lease, catching up or following the log;
 * - retrying: the last attempt failed (store, database or broker unavailable, or a handler
 *   error); trying again after a backoff;
 * - stopped: stopped gracefully.
 */
export type ConsumerState = 'idle' | 'standby' | 'running' | 'retrying' | 'stopped';

export interface ConsumerTotals {
  /** Events moved past (applied, skipped or set aside) since the process started. */
  readonly events: number;
  /** Failed attempts since the process started (each retried after a backoff). */
  readonly errors: number;
  /** What the handler counts (messages sent, events of deleted sessions skipped, ...). */
  readonly [counter: string]: number;
}

/** The in-process half of a consumer's status: what only the process running it knows. */
export interface LiveConsumer {
  readonly name: string;
  readonly state: ConsumerState;
  readonly generation: number | undefined;
  /** Last position this process committed (undefined before its first batch). */
  readonly position: Position | undefined;
  readonly lastError: string | undefined;
  readonly lastErrorAt: string | undefined;
  /** Failures since the last success; 0 when healthy. */
  readonly consecutiveErrors: number;
  readonly totals: ConsumerTotals;
  readonly lastBatch: { readonly events: number; readonly at: string } | undefined;
}
