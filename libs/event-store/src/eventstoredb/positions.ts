import { isPosition, type Position } from '../port';

/** EventStoreDB's position in the transaction log ($all), as the client gives it. */
export interface EsdbPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

const U64_MAX = (1n << 64n) - 1n;

/**
 * The server writes "no position" (-1) as 2^64-1 in both parts: stream reads on servers before
 * 22.6 and events of legacy TCP transactions. Encoded, it would pass for a valid position far
 * beyond every real one.
 */
export function isMissingPosition(position: EsdbPosition | undefined): boolean {
  return position === undefined || position.commit === U64_MAX || position.prepare === U64_MAX;
}

/**
 * (commit << 64) | prepare as a decimal string: $all orders by commit, then prepare, and so does
 * this number, so `comparePositions` orders our positions as the server does. A string because a
 * bigint cannot go through JSON.
 */
export function encodePosition({ commit, prepare }: EsdbPosition): Position {
  if (isMissingPosition({ commit, prepare })) {
    throw new RangeError('EventStoreDB gave no position (2^64-1): it cannot be encoded');
  }
  if (commit < 0n || commit > U64_MAX || prepare < 0n || prepare > U64_MAX) {
    throw new RangeError(
      `EventStoreDB position out of range: commit ${commit}, prepare ${prepare}`,
    );
  }
  return ((commit << 64n) | prepare).toString(10);
}

/** The inverse of encodePosition, to resume a read or subscription from a checkpoint. */
export function decodePosition(position: Position): EsdbPosition {
  if (!isPosition(position)) throw new RangeError(`Not a position: ${JSON.stringify(position)}`);
  const value = BigInt(position);
  const commit = value >> 64n;
  if (commit > U64_MAX) throw new RangeError(`Not an EventStoreDB position: ${position}`);
  return { commit, prepare: value & U64_MAX };
}
