/**
 * Wakes waiting subscribers when new events may be readable. A waiter passes the generation it
 * saw before its last read; a wake-up that happened since then returns at once, so a
 * notification arriving between a read and the wait is never lost.
 */
export class Wakeup {
  private generation = 0;
  private readonly waiters = new Set<() => void>();

  current(): number {
    return this.generation;
  }

  wake(): void {
    this.generation += 1;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const resolve of waiters) resolve();
  }

  /** Resolves on a wake-up after `seen`, after `timeoutMs` (the polling fallback), or on abort. */
  wait(seen: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.generation !== seen || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
