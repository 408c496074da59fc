import type { Caller } from './caller';

interface Entry {
  readonly caller: Caller;
  /** The token's `exp`, in milliseconds since the epoch. */
  readonly expiresAtMs: number;
}

/**
 * Callers of tokens already verified, so that a client sending the same token again is not
 * verified from scratch (the HMAC or signature, the claims): keyed by the whole token, so a
 * token that differs by one character is never served from here; an entry is used only
 * strictly before the token's `exp` (never within the clock tolerance the full check allows),
 * then dropped. Bounded: past `maxEntries` the least recently used entry goes. Only verified
 * tokens enter, so refused ones cannot fill it.
 */
export class VerifiedTokenCache {
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the coldest.
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries: number) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 0) {
      throw new RangeError('VerifiedTokenCache: maxEntries must be an integer >= 0');
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The caller of `token` if it was verified and has not expired at `nowMs`. */
  get(token: string, nowMs: number): Caller | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    this.entries.delete(token);
    if (nowMs >= entry.expiresAtMs) return undefined;
    this.entries.set(token, entry);
    return entry.caller;
  }

  set(token: string, caller: Caller, expiresAtMs: number): void {
    if (this.maxEntries === 0) return;
    this.entries.delete(token);
    this.entries.set(token, { caller, expiresAtMs });
    while (this.entries.size > this.maxEntries) {
      const coldest = this.entries.keys().next();
      if (coldest.done === true) break;
      this.entries.delete(coldest.value);
    }
  }
}
