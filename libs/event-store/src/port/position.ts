import type { Position } from './types';

const DECIMAL = /^(0|[1-9][0-9]*)$/;

export function isPosition(value: string): value is Position {
  return DECIMAL.test(value);
}

/** Orders two positions of the same store: negative, zero or positive. */
export function comparePositions(a: Position, b: Position): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** True when `position` is at or after `target`, i.e. a reader at `position` has seen `target`. */
export function hasReached(position: Position | undefined, target: Position): boolean {
  return position !== undefined && comparePositions(position, target) >= 0;
}
