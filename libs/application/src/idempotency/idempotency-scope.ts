/** A key is the caller's own, and one per method and path (docs/product.md "HTTP API"). */
export interface IdempotencyScope {
  readonly caller: string;
  readonly method: string;
  readonly path: string;
  readonly key: string;
}

/** Retention: records are kept at least this long, then purged. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** A record in flight holds its key this long; a retry after it may take the key over. */
export const IDEMPOTENCY_LEASE_MS = 30_000;

/** Visible ASCII, 1 to 255 characters: a UUID or any opaque token a client makes. */
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return KEY_FORMAT.test(key);
}
