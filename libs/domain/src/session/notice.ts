const MS_PER_MINUTE = 60_000;
export const LATE_NOTICE_MS = 24 * 60 * MS_PER_MINUTE;

export type Notice = Readonly<{ ms: number; minutes: number; late: boolean }>;

/** Notice = start - cancellation time; negative once the session has started. */
export function noticeOf(startsAtMs: number, now: Date): Notice {
  const ms = startsAtMs - now.getTime();
  // Math.floor, not truncation: 1 ms after the start is -1 minute of notice, not -0.
  const minutes = Math.floor(ms / MS_PER_MINUTE);
  return { ms, minutes, late: ms < LATE_NOTICE_MS };
}

export function sessionEndMs(startsAtMs: number, durationMinutes: number): number {
  return startsAtMs + durationMinutes * MS_PER_MINUTE;
}
