import {
  comparePositions,
  pause,
  type EventStore,
  type Position,
  type RecordedEvent,
  type AppLogger,
} from '@app/event-store';
import type { SqlExecutor } from '@app/event-store/sql';
import type { SchemaDatabase } from '../database';
import { activeGeneration, advanceCheckpoint, readCheckpoint } from '../store/checkpoints';
import {
  clearSetAside,
  errorMessageOf,
  recordRetryFailure,
  recordSetAside,
} from '../store/set-aside';
import { CheckpointMovedError, type ConsumerBatch, type ConsumerHandler } from './consumer-handler';
import { isTransient } from './transient-errors';

/** How often an event that failed in its batch is tried alone before its session is set aside. */
export const ATTEMPTS_ALONE = 3;

export interface BatchRunnerOptions {
  readonly consumer: string;
  readonly generation: number;
  /** The live consumer: the active generation must still be this one (a rebuild's swap ends it). */
  readonly followsActive: boolean;
  readonly db: SchemaDatabase;
  readonly eventStore: EventStore;
  readonly handler: ConsumerHandler;
  /** The generation's set-aside sessions, loaded by the caller; kept up to date here. */
  readonly setAside: Set<string>;
  /** Lease lost: stop at once, commit nothing. */
  readonly lost: AbortSignal;
  /** Stopping: a failed batch is not taken apart any more (the next start does it). */
  readonly stopping?: AbortSignal;
  readonly logger: AppLogger;
  readonly attemptsAlone?: number;
  /** Pause before trying a failed event alone again (multiplied by the attempt). */
  readonly retryPauseMs?: number;
  /** Told of every commit: how many events it moved past, the handler's counters. */
  readonly onCommitted?: (commit: CommittedBatch) => void;
  /** Told of every session set aside. */
  readonly onSetAside?: (sessionId: string, event: RecordedEvent, error: unknown) => void;
}

export interface CommittedBatch {
  readonly events: number;
  readonly last: RecordedEvent | undefined;
  readonly counters: ReadonlyMap<string, number>;
}

export type BatchOutcome =
  | { readonly kind: 'applied'; readonly position: Position }
  /** The checkpoint moved (another replica, a swap) or the lease is lost: resume from storage. */
  | { readonly kind: 'moved' };

export type RetryOutcome = 'cleared' | 'dropped' | 'failed' | 'moved';

/** A batch as the handler sees it; `mode: 'retry'` re-applies a set-aside session in place. */
class PlannedBatch implements ConsumerBatch {
  committed = false;
  readonly counters = new Map<string, number>();
  private readonly opened = new WeakSet<SqlExecutor>();

  constructor(
    private readonly runner: BatchRunnerOptions,
    readonly events: readonly RecordedEvent[],
    private readonly expected: Position | undefined,
    private readonly advance: { readonly last: RecordedEvent; readonly count: number } | undefined,
    private readonly clears: readonly string[],
  ) {}

  get generation(): number {
    return this.runner.generation;
  }

  get lost(): AbortSignal {
    return this.runner.lost;
  }

  async open(tx: SqlExecutor): Promise<void> {
    if (this.opened.has(tx)) return;
    const { consumer, generation, followsActive, lost } = this.runner;
    if (lost.aborted) throw new CheckpointMovedError(consumer, generation);
    if (followsActive && (await activeGeneration(tx, consumer, 'FOR SHARE')) !== generation) {
      throw new CheckpointMovedError(consumer, generation);
    }
    const stored = await readCheckpoint(tx, consumer, generation, 'FOR UPDATE');
    if (stored === undefined || stored.position !== this.expected) {
      throw new CheckpointMovedError(consumer, generation);
    }
    this.opened.add(tx);
  }

  async commit(tx: SqlExecutor): Promise<void> {
    await this.open(tx);
    const { consumer, generation } = this.runner;
    if (this.advance !== undefined) {
      await advanceCheckpoint(tx, consumer, generation, this.advance.last, this.advance.count);
    }
    await clearSetAside(tx, consumer, generation, this.clears);
    this.committed = true;
  }

  commitAlone(): Promise<void> {
    return this.runner.db.transaction((tx) => this.commit(tx));
  }

  count(counter: string, amount: number): void {
    this.counters.set(counter, (this.counters.get(counter) ?? 0) + amount);
  }
}

/**
 * Applies batches of one consumer's generation, setting poison events aside. A batch is handed
 * to the handler whole, so nothing costs more while nothing fails. When it fails for a reason of
 * its own (not a transient one, which is thrown for the caller to back off and resume), it is run
 * again in halves, in order, down to the one event that fails alone; an event failing
 * ATTEMPTS_ALONE times alone has its session set aside (recorded with the checkpoint moving past
 * it, in one transaction) and the rest carries on.
 */
export class BatchRunner {
  private readonly attemptsAlone: number;

  constructor(private readonly options: BatchRunnerOptions) {
    this.attemptsAlone = options.attemptsAlone ?? ATTEMPTS_ALONE;
  }

  async run(events: readonly RecordedEvent[], after: Position | undefined): Promise<BatchOutcome> {
    try {
      return await this.attempt(events, after);
    } catch (error) {
      if ((await this.afterFailure(error)) === 'ended') return { kind: 'moved' };
      this.options.logger.warn('consumer batch failed; looking for the event that fails alone', {
        consumer: this.options.consumer,
        events: events.length,
        error: errorMessageOf(error),
      });
      const [only] = events;
      return only !== undefined && events.length === 1
        ? this.alone(only, after)
        : this.isolate(events, after);
    }
  }

  /**
   * After a failed attempt: `ended` when the checkpoint moved or the lease is lost; the error
   * again when it is transient or the consumer stops (the caller backs off); else the failure
   * is the events' own, and whatever the handler kept between batches is forgotten.
   */
  private async afterFailure(error: unknown): Promise<'ended' | 'own'> {
    if (this.ended(error)) return 'ended';
    if (isTransient(error) || this.options.stopping?.aborted) throw error;
    await this.options.handler.reset?.();
    return 'own';
  }

  /** Re-applies a set-aside session's events up to the checkpoint (later ones come in order). */
  async retry(sessionId: string, checkpoint: Position | undefined): Promise<RetryOutcome> {
    const { handler, eventStore, consumer, generation } = this.options;
    const events = await handler.sessionEvents(eventStore, sessionId);
    const batch =
      events === 'gone'
        ? new PlannedBatch(this.options, [], checkpoint, undefined, [sessionId])
        : new PlannedBatch(
            this.options,
            events.filter(
              (e) => checkpoint !== undefined && comparePositions(e.position, checkpoint) <= 0,
            ),
            checkpoint,
            undefined,
            [sessionId],
          );
    try {
      if (events === 'gone') await batch.commitAlone();
      else await this.handleChecked(batch);
    } catch (error) {
      if ((await this.afterFailure(error)) === 'ended') return 'moved';
      await recordRetryFailure(this.options.db, consumer, generation, sessionId, error);
      return 'failed';
    }
    this.options.setAside.delete(sessionId);
    this.options.onCommitted?.({ events: 0, last: undefined, counters: batch.counters });
    return events === 'gone' ? 'dropped' : 'cleared';
  }

  private ended(error: unknown): boolean {
    return error instanceof CheckpointMovedError || this.options.lost.aborted;
  }

  private async attempt(
    events: readonly RecordedEvent[],
    after: Position | undefined,
  ): Promise<BatchOutcome> {
    const { handler, setAside } = this.options;
    const last = events[events.length - 1];
    if (last === undefined) throw new Error('a batch needs at least one event');
    const kept: RecordedEvent[] = [];
    const clears: string[] = [];
    for (const event of events) {
      const sessionId = setAside.size === 0 ? undefined : handler.sessionOf(event);
      if (sessionId === undefined || !setAside.has(sessionId)) kept.push(event);
      else if (handler.clearsSession(event)) {
        kept.push(event);
        clears.push(sessionId);
      }
    }
    const batch = new PlannedBatch(
      this.options,
      kept,
      after,
      { last, count: events.length },
      clears,
    );
    await this.handleChecked(batch);
    for (const sessionId of clears) setAside.delete(sessionId);
    this.options.onCommitted?.({ events: events.length, last, counters: batch.counters });
    return { kind: 'applied', position: last.position };
  }

  private async handleChecked(batch: PlannedBatch): Promise<void> {
    await this.options.handler.handle(batch);
    if (!batch.committed) {
      throw new Error(`the handler of ${this.options.consumer} returned without committing`);
    }
  }

  /**
   * Events that failed together for a reason of their own: taken apart in halves, in order, each
   * half tried whole (a session set aside meanwhile is skipped in it), down to the event that
   * fails alone. Few transactions however large the batch: a poison event costs about twice its
   * batch, not a transaction per event.
   */
  private async isolate(
    events: readonly RecordedEvent[],
    after: Position | undefined,
  ): Promise<BatchOutcome> {
    const middle = Math.ceil(events.length / 2);
    const first = await this.attemptOrIsolate(events.slice(0, middle), after);
    if (first.kind === 'moved') return first;
    return this.attemptOrIsolate(events.slice(middle), first.position);
  }

  private async attemptOrIsolate(
    events: readonly RecordedEvent[],
    after: Position | undefined,
  ): Promise<BatchOutcome> {
    const [only] = events;
    if (only === undefined) {
      return after === undefined ? { kind: 'moved' } : { kind: 'applied', position: after };
    }
    if (events.length === 1) return this.alone(only, after);
    try {
      return await this.attempt(events, after);
    } catch (error) {
      if ((await this.afterFailure(error)) === 'ended') return { kind: 'moved' };
      return this.isolate(events, after);
    }
  }

  /** One event, tried alone up to ATTEMPTS_ALONE times, then its session set aside. */
  private async alone(event: RecordedEvent, after: Position | undefined): Promise<BatchOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.attempt([event], after);
      } catch (error) {
        if ((await this.afterFailure(error)) === 'ended') return { kind: 'moved' };
        if (attempt < this.attemptsAlone) {
          await pause((this.options.retryPauseMs ?? 20) * attempt, this.options.lost);
          continue;
        }
        const sessionId = this.options.handler.sessionOf(event);
        // Nothing to set aside: the caller backs off and tries again, for ever.
        if (sessionId === undefined) throw error;
        await this.setAside(sessionId, event, after, error);
        return { kind: 'applied', position: event.position };
      }
    }
  }

  private async setAside(
    sessionId: string,
    event: RecordedEvent,
    after: Position | undefined,
    error: unknown,
  ): Promise<void> {
    const { db, handler, consumer, generation } = this.options;
    const batch = new PlannedBatch(this.options, [], after, undefined, []);
    await db.transaction(async (tx) => {
      await batch.open(tx);
      const context = await handler.describeSession?.(tx, sessionId, event);
      await recordSetAside(tx, consumer, generation, sessionId, event, error, context);
      await advanceCheckpoint(tx, consumer, generation, event, 1);
    });
    this.options.setAside.add(sessionId);
    this.options.onCommitted?.({ events: 1, last: event, counters: new Map() });
    this.options.onSetAside?.(sessionId, event, error);
    this.options.logger.warn('consumer set a session aside: one of its events cannot be applied', {
      consumer,
      generation,
      sessionId,
      eventId: event.eventId,
      type: event.type,
      position: event.position,
      error: errorMessageOf(error).slice(0, 200),
    });
  }
}
