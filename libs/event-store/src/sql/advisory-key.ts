import { createHash } from 'node:crypto';

/**
 * A 64-bit advisory lock key (as a decimal string, for a `$1::bigint` parameter) derived from a
 * name, so every replica computes the same key without a registry of numbers.
 */
export function advisoryKey(name: string): string {
  const digest = createHash('sha256').update(name).digest();
  return BigInt.asIntN(64, digest.readBigUInt64BE(0)).toString();
}
