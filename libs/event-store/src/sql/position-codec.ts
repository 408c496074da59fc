import { isPosition, type Position } from '../port';

const SEQUENCE_BITS = 64n;
const SEQUENCE_MASK = (1n << SEQUENCE_BITS) - 1n;

/** The two parts a SQL store orders its log by: committing transaction, then global sequence. */
export interface SqlLogPosition {
  /** xid8 as a decimal string. */
  readonly transactionId: string;
  /** The events table's global sequence as a decimal string. */
  readonly sequence: string;
}

/**
 * Packs (transaction id, sequence) into one decimal string, (xid << 64) | sequence, so that
 * comparing positions as BigInt (the port's comparePositions) is exactly the read order
 * (transaction_id, global_sequence).
 */
export function encodePosition(
  transactionId: string | bigint,
  sequence: string | bigint,
): Position {
  const xid = BigInt(transactionId);
  const seq = BigInt(sequence);
  if (xid < 0n || xid > SEQUENCE_MASK || seq < 0n || seq > SEQUENCE_MASK) {
    throw new RangeError(`Position parts out of range: transaction ${xid}, sequence ${seq}`);
  }
  return ((xid << SEQUENCE_BITS) | seq).toString();
}

export function decodePosition(position: Position): SqlLogPosition {
  if (!isPosition(position)) throw new RangeError(`Not a position: "${String(position)}"`);
  const value = BigInt(position);
  const xid = value >> SEQUENCE_BITS;
  if (xid > SEQUENCE_MASK) throw new RangeError(`Position out of range: "${position}"`);
  return { transactionId: xid.toString(), sequence: (value & SEQUENCE_MASK).toString() };
}

/** Reading "after the beginning" is reading after (0, 0): no real row has xid 0. */
export const START: SqlLogPosition = { transactionId: '0', sequence: '0' };
