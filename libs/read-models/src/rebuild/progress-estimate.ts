import type { Position } from '@app/event-store';

/**
 * Time left, assuming positions grow about evenly with events (true of sequence-based stores; a
 * rough guide for others): the share of [first, head] covered so far extrapolates the elapsed time.
 */
export function estimateSecondsLeft(
  first: Position | undefined,
  current: Position | undefined,
  head: Position | undefined,
  elapsedSeconds: number,
): number | undefined {
  if (first === undefined || current === undefined || head === undefined) return undefined;
  const total = BigInt(head) - BigInt(first);
  const done = BigInt(current) - BigInt(first);
  if (total <= 0n || done <= 0n) return done >= total ? 0 : undefined;
  if (done >= total) return 0;
  const fraction = Number((done * 1_000_000n) / total) / 1_000_000;
  return fraction > 0 ? (elapsedSeconds * (1 - fraction)) / fraction : undefined;
}
