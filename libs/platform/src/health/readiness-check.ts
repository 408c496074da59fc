/** What one readiness check found: up or down, with details for the operator reading /health/ready. */
export interface CheckOutcome {
  readonly up: boolean;
  readonly details?: Record<string, unknown>;
}

/**
 * One dependency readiness depends on. `check` may also reject: that counts as down with the
 * error's message. It is bounded by `timeoutMs` (default 2 s) so a hanging dependency still
 * gets an answer.
 */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<CheckOutcome>;
  readonly timeoutMs?: number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;
