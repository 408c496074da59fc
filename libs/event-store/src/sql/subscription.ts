import type { Position, ReadAllOptions, RecordedEvent } from '../port';
import { isConnectionFailure } from './store-errors';
import { pause } from '../pause';
import type { Wakeup } from './wakeup';
import type { AppLogger } from '../logging';

export interface SubscriptionSettings {
  /** Events per catch-up read. */
  readonly batchSize: number;
  /** Longest wait between reads when no wake-up arrives (the polling fallback). */
  readonly pollIntervalMs: number;
  /** Wait before reading again after the store was unavailable. */
  readonly retryDelayMs: number;
  /**
   * Live reads start at least this long apart: under load a wake-up comes with every commit, and
   * a read for each would cost a statement per commit per subscriber (on the embedded store all
   * of them take turns on its one connection) for a batch of one or two events.
   */
  readonly minReadIntervalMs: number;
}

export interface SubscriptionSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  readonly wakeup: Wakeup;
  readonly logger: AppLogger;
}

/**
 * Catches up with readAll batches, then follows live: each read starts strictly after the last
 * event delivered, so a lost connection, a restart or a wake-up storm can neither skip nor repeat
 * a position. Unavailability is retried (the store may come back); any other error ends the
 * iteration by throwing it. Ends quietly when `signal` aborts.
 */
export async function* followAll(
  source: SubscriptionSource,
  after: Position | undefined,
  settings: SubscriptionSettings,
  signal: AbortSignal,
): AsyncGenerator<RecordedEvent> {
  let checkpoint = after;
  while (!signal.aborted) {
    const seen = source.wakeup.current();
    const readAt = performance.now();
    let batch: RecordedEvent[];
    try {
      batch = await source.readAll({ after: checkpoint, maxCount: settings.batchSize });
    } catch (error) {
      if (signal.aborted) return;
      if (!isConnectionFailure(error)) throw error;
      source.logger.warn('subscription read failed; resuming from its last position', {
        after: checkpoint ?? null,
        error: error instanceof Error ? error.message : String(error),
      });
      await pause(settings.retryDelayMs, signal);
      continue;
    }
    for (const event of batch) {
      if (signal.aborted) return;
      yield event;
      checkpoint = event.position;
    }
    if (batch.length < settings.batchSize) {
      await source.wakeup.wait(seen, settings.pollIntervalMs, signal);
      const early = readAt + settings.minReadIntervalMs - performance.now();
      if (early > 0) await pause(early, signal);
    }
  }
}
