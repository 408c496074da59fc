import type { Clock } from './clock';

/**
 * A clock for tests: it stands still at the instant it was given and moves only when told.
 * `now()` returns a copy so a caller mutating its Date cannot move the clock.
 */
export class ManualClock implements Clock {
  private current: Date;

  constructor(start: Date | string) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  advanceBy(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

/** A ManualClock nobody advances: the name says the intent in tests that pin one instant. */
export class FixedClock extends ManualClock {}
