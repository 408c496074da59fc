/** The only way application code reads the time, so tests can pin it. */
export interface Clock {
  now(): Date;
}

/** Injection token of the Clock. */
export const CLOCK = Symbol('CLOCK');
