export interface BackoffSettings {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { initialMs: 200, maxMs: 5_000 };

/** Doubling delays with jitter (so replicas do not retry in step), capped at maxMs. */
export function backoffDelay(settings: BackoffSettings, consecutiveFailures: number): number {
  const exponent = Math.min(Math.max(consecutiveFailures - 1, 0), 20);
  const base = Math.min(settings.maxMs, settings.initialMs * 2 ** exponent);
  return Math.round(base / 2 + (Math.random() * base) / 2);
}
