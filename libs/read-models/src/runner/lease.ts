/**
 * Of several projector replicas, exactly one runs a projection: the one holding its lease.
 * `lost` aborts when the lease can no longer be trusted (its connection died); the holder must
 * stop applying at once.
 */
export interface Lease {
  readonly name: string;
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

export interface LeaseProvider {
  /** The lease when free, undefined when another holder has it. */
  tryAcquire(name: string): Promise<Lease | undefined>;
}

/**
 * Embedded store: one process owns the database, so a lease only has to keep two runners of this
 * process apart.
 */
export class InProcessLeaseProvider implements LeaseProvider {
  private readonly held = new Set<string>();

  tryAcquire(name: string): Promise<Lease | undefined> {
    if (this.held.has(name)) return Promise.resolve(undefined);
    this.held.add(name);
    const lost = new AbortController();
    return Promise.resolve({
      name,
      lost: lost.signal,
      release: () => {
        this.held.delete(name);
        return Promise.resolve();
      },
    });
  }
}
