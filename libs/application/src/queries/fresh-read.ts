import { Inject, Injectable } from '@nestjs/common';
import type { Position } from '@app/event-store';
import { ReadModelNotCaughtUpError } from '@app/platform';
import { READ_SIDE, ReadModelNotFreshError, type ReadSide } from '../ports';

/** How long a query waits for `minPosition` before answering 503. */
export const READ_YOUR_WRITES_TIMEOUT = Symbol('READ_YOUR_WRITES_TIMEOUT');
export const DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS = 3_000;

/** Read-your-writes for the read models: wait (bounded) until a projection applied a position. */
@Injectable()
export class FreshRead {
  constructor(
    @Inject(READ_SIDE) private readonly readSide: ReadSide,
    @Inject(READ_YOUR_WRITES_TIMEOUT) private readonly timeoutMs: number,
  ) {}

  async atLeast(projection: string, minPosition: Position | undefined): Promise<void> {
    if (minPosition === undefined) return;
    try {
      await this.readSide.waitForPosition(projection, minPosition, this.timeoutMs);
    } catch (error) {
      if (error instanceof ReadModelNotFreshError) {
        throw new ReadModelNotCaughtUpError(minPosition, error.applied, 1);
      }
      throw error;
    }
  }
}
