/**
 * Of several replicas, exactly one runs a consumer: the one holding its lease; the others stand
 * by. `lost` aborts when the lease can no longer be trusted (its connection died); the holder
 * must stop writing at once.
 */
export interface Lease {
  readonly name: string;
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

export interface LeaseProvider {
  /** The lease when free, undefined when another holder has it. */
  tryAcquire(name: string): Promise<Lease | undefined>;
  /** Human-readable, for logs. */
  readonly description: string;
}

/**
 * Embedded store: one process owns the database, so a lease only has to keep two consumers of
 * this process apart.
 */
export class InProcessLeaseProvider implements LeaseProvider {
  readonly description = 'in this process (embedded store: one process owns the database)';
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
