/** Collects what was opened so that a failure halfway, or shutdown, closes it in reverse. */
export class Closers {
  private readonly closers: Array<() => Promise<void>> = [];

  add(close: () => Promise<void>): void {
    this.closers.push(close);
  }

  async closeAll(): Promise<void> {
    const errors: unknown[] = [];
    for (const close of this.closers.reverse()) {
      try {
        await close();
      } catch (error) {
        errors.push(error);
      }
    }
    this.closers.length = 0;
    if (errors.length > 0) throw new AggregateError(errors, 'closing the stores failed');
  }
}
