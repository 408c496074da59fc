/** First key of the advisory lock pair: ours, so other users of advisory locks do not collide. */
export const ADVISORY_LOCK_NAMESPACE = 0x6b61666b; // "kafk"

/** Second key: FNV-1a of the publisher's name, as a signed 32-bit integer (PostgreSQL's int4). */
export function advisoryLockKey(name: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
