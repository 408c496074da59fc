/**
 * Of several publisher replicas exactly one publishes: it holds the lease, the others wait on
 * standby. `lost` aborts when the lease can no longer be trusted (its connection died), and the
 * publisher then stops sending at once.
 */
export interface HeldLease {
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

export interface PublisherLease {
  /** Resolves once held; rejects only when `signal` aborts first. */
  acquire(signal: AbortSignal): Promise<HeldLease>;
  /** Human-readable, for status and logs. */
  readonly description: string;
}

/**
 * PGlite is one connection owned by one process: no other replica can open the same store, so the
 * lease is held by construction.
 */
export function alwaysHeldLease(): PublisherLease {
  return {
    description: 'held by construction (embedded store: one process)',
    acquire: () =>
      Promise.resolve({ lost: new AbortController().signal, release: () => Promise.resolve() }),
  };
}
