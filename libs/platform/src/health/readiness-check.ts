/** A check's state: `standby` (a replica waiting on another's lease) counts as up. */
export type CheckState = 'up' | 'degraded' | 'down' | 'standby';

/** What one readiness check found, with details for the operator reading /health/ready. */
export interface CheckOutcome {
  readonly state: CheckState;
  /** Why it is not up, in words. */
  readonly reason?: string;
  readonly details?: Record<string, unknown>;
}

/**
 * One dependency readiness depends on. `check` may also reject or not answer within `timeoutMs`
 * (default 2 s): the check is then `whenUnreachable` with the error's message, `down` for what
 * the process cannot serve without, `degraded` for what only some answers need.
 */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<CheckOutcome>;
  readonly whenUnreachable: 'down' | 'degraded';
  readonly timeoutMs?: number;
}

/**
 * Several checks answered by one read (every consumer of the log from one status read): the
 * names are known up front, so an unreachable source still lists each of them.
 */
export interface ReadinessCheckGroup {
  readonly names: () => readonly string[];
  check(): Promise<ReadonlyMap<string, CheckOutcome>>;
  readonly whenUnreachable: 'down' | 'degraded';
  readonly timeoutMs?: number;
}

export type Readiness = ReadinessCheck | ReadinessCheckGroup;

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

/** The body of /health/ready. */
export interface ReadinessAnswer {
  readonly status: 'ok' | 'degraded' | 'down';
  readonly checks: Readonly<
    Record<
      string,
      { readonly state: CheckState; readonly reason?: string } & Record<string, unknown>
    >
  >;
}
