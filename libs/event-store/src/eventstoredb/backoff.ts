export interface BackoffPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** Exponential: initial, 2x, 4x ... capped, so a server coming back is not hammered. */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt, 30));
}

/** How a retry waits: `pause` (../pause.ts), or an instant stand-in in tests. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
