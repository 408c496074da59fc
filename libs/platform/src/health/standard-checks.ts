import {
  type CheckOutcome,
  DEFAULT_CHECK_TIMEOUT_MS,
  type ReadinessCheck,
} from './readiness-check';

/** The event store answers: its head position comes back within the timeout. */
export function eventStoreReachable(
  headPosition: () => Promise<string | undefined>,
  timeoutMs = DEFAULT_CHECK_TIMEOUT_MS,
): ReadinessCheck {
  return {
    name: 'eventStore',
    timeoutMs,
    async check(): Promise<CheckOutcome> {
      return { up: true, details: { headPosition: (await headPosition()) ?? null } };
    },
  };
}

/** The lag figures a lag check judges (a projection's or the publisher's status fits). */
export interface LagReport {
  readonly name: string;
  readonly state: string;
  readonly position?: string;
  readonly lagEvents: number;
  readonly lagSeconds: number;
}

export interface LagThresholds {
  /** Down when any consumer is more events behind than this (default 10,000). */
  readonly maxLagEvents?: number;
  /** Down when any consumer is further behind than this, in seconds (default 300). */
  readonly maxLagSeconds?: number;
}

/**
 * Consumers of the log keep up: each one's lag is under the thresholds. A standby replica (its
 * lease held elsewhere) reports no work of its own and is not judged.
 */
export function lagUnder(
  name: string,
  reports: () => Promise<readonly LagReport[]>,
  thresholds: LagThresholds = {},
  timeoutMs = DEFAULT_CHECK_TIMEOUT_MS,
): ReadinessCheck {
  const maxEvents = thresholds.maxLagEvents ?? 10_000;
  const maxSeconds = thresholds.maxLagSeconds ?? 300;
  return {
    name,
    timeoutMs,
    async check(): Promise<CheckOutcome> {
      const all = await reports();
      const behind = all.filter(
        (r) => r.state !== 'standby' && (r.lagEvents > maxEvents || r.lagSeconds > maxSeconds),
      );
      return {
        up: behind.length === 0,
        details: {
          maxLagEvents: maxEvents,
          maxLagSeconds: maxSeconds,
          ...(behind.length > 0 ? { behind: behind.map((r) => r.name) } : {}),
          consumers: all.map((r) => ({
            name: r.name,
            state: r.state,
            position: r.position ?? null,
            lagEvents: r.lagEvents,
            lagSeconds: r.lagSeconds,
          })),
        },
      };
    },
  };
}
