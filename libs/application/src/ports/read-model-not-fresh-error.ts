import type { Position } from '@app/event-store';

/** `ReadSide.waitForPosition` gave up: the projections had not applied the position in time. */
export class ReadModelNotFreshError extends Error {
  constructor(
    readonly projections: readonly string[],
    readonly position: Position,
    readonly timeoutMs: number,
    /** What the projections had applied when the wait ended (the least of them). */
    readonly applied?: Position,
  ) {
    super(
      `Read models ${projections.join(', ')} did not reach position ${position} within ${timeoutMs} ms`,
    );
    this.name = 'ReadModelNotFreshError';
  }
}
