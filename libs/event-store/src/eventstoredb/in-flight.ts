/** Counts operations under way, so a shutdown can wait until none is. */
export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  async run<T>(operation: () => Promise<T>): Promise<T> {
    this.count += 1;
    try {
      return await operation();
    } finally {
      this.count -= 1;
      if (this.count === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
      }
    }
  }

  /** Resolves when nothing is under way (at once when nothing is). */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
