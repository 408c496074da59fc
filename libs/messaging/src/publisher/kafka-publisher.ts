import { pause } from '@app/event-store';
import type { EventStore, Position, RecordedEvent } from '@app/event-store';
import { comparePositions, hasReached } from '@app/event-store';
import type { CheckpointStore } from '../checkpoints';
import type { PublisherLease } from '../lease';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  type BackoffSettings,
  type MessagingLogger,
} from '../support';
import { BatchMapper, type MappedBatch } from './batch-mapper';
import type { DeletionLookup } from './deletion-lookup';
import type { MessageSink } from './message-sink';
import type { PublisherLag, PublisherPhase, PublisherStatus } from './publisher-status';

export interface KafkaPublisherDeps {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly sink: MessageSink;
  readonly lease: PublisherLease;
  readonly logger: MessagingLogger;
  /** Default: through the EventStore port; sqlDeletionLookup saves a read per session on SQL stores. */
  readonly deletionLookup?: DeletionLookup;
}

export interface KafkaPublisherOptions {
  /** Names the checkpoint and the lease (default 'kafka-publisher'). */
  readonly name?: string;
  /** Most events read and sent per batch (default 500). */
  readonly batchSize?: number;
  readonly backoff?: BackoffSettings;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The Kafka gateway: the event store is the outbox. Reads from its own checkpoint (readAll batches
 * while behind, a subscription to be woken once caught up), maps each batch to integration
 * messages, sends it with the idempotent producer, and stores the checkpoint only after the broker
 * acknowledged every record. Any failure (broker, store, checkpoint database) drops the producer,
 * backs off and starts again from the stored checkpoint: what is re-sent is at most the batch
 * that was not acknowledged, in the same order, so a session's records stay in order and `ce_id`
 * lets consumers drop the copies.
 */
export class KafkaPublisher {
  readonly name: string;
  private readonly batchSize: number;
  private readonly backoff: BackoffSettings;
  private readonly mapper: BatchMapper;
  private readonly stopController = new AbortController();
  private running: Promise<void> | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly state: Mutable<PublisherStatus>;

  constructor(
    private readonly deps: KafkaPublisherDeps,
    options: KafkaPublisherOptions = {},
  ) {
    this.name = options.name ?? 'kafka-publisher';
    this.batchSize = options.batchSize ?? 500;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError('batchSize must be an integer >= 1');
    }
    this.mapper = new BatchMapper(deps.store, deps.deletionLookup);
    this.state = {
      name: this.name,
      phase: 'idle',
      lease: deps.lease.description,
      position: undefined,
      lastBatch: undefined,
      totals: { events: 0, messages: 0, skippedDeleted: 0, skippedOther: 0 },
      errors: { count: 0, consecutive: 0, last: undefined },
    };
  }

  /** Starts publishing in the background; `stop` ends it. */
  start(): void {
    if (this.running !== undefined) return;
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    await this.running;
    await this.deps.sink.close();
    this.setPhase('stopped');
  }

  status(): PublisherStatus {
    return structuredClone(this.state);
  }

  /** Counts, up to `cap`, the events after the checkpoint, and the age of the oldest of them. */
  async lag(cap = 10_000): Promise<PublisherLag> {
    const pending = await this.deps.store.readAll({ after: this.state.position, maxCount: cap });
    const oldest = pending[0];
    return {
      events: pending.length,
      capped: pending.length >= cap,
      seconds:
        oldest === undefined ? 0 : Math.max(0, (Date.now() - Date.parse(oldest.recordedAt)) / 1000),
    };
  }

  /** Resolves once the checkpoint has reached `position` (bounded by `timeoutMs`). */
  waitForPosition(position: Position, timeoutMs = 30_000): Promise<void> {
    if (hasReached(this.state.position, position)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!hasReached(this.state.position, position)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `publisher ${this.name} did not reach ${position} within ${timeoutMs} ms (at ${String(this.state.position)}, ${this.state.phase}, last error: ${this.state.errors.last?.message ?? 'none'})`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private async run(): Promise<void> {
    const stop = this.stopController.signal;
    while (!stop.aborted) {
      this.setPhase('standby');
      let lease;
      try {
        lease = await this.deps.lease.acquire(stop);
      } catch (error) {
        if (stop.aborted) break;
        await this.failed(error, stop);
        continue;
      }
      const signal = AbortSignal.any([stop, lease.lost]);
      try {
        await this.publishWhileLeased(signal, lease.lost);
      } catch (error) {
        await this.deps.sink.reset();
        if (!stop.aborted) await this.failed(error, stop);
      } finally {
        // Views may be ahead of the stored checkpoint (a batch sent but not checkpointed).
        this.mapper.resetViews();
        await lease.release();
      }
    }
  }

  /** `signal` ends the work (stop or lease lost); `leaseLost` alone forbids the checkpoint. */
  private async publishWhileLeased(signal: AbortSignal, leaseLost: AbortSignal): Promise<void> {
    this.setPhase('starting');
    await this.deps.sink.prepare();
    const checkpoint = await this.deps.checkpoints.load(this.name);
    this.advance(checkpoint);
    // The next batch is read and mapped while the broker works on the current one (the store and
    // the mapper run on this thread, the broker elsewhere). Sends stay strictly one after another.
    const prefetch = new AbortController();
    const prefetchSignal = AbortSignal.any([signal, prefetch.signal]);
    let next = this.readAndMap(checkpoint, prefetchSignal);
    try {
      while (!signal.aborted) {
        const current = await next;
        if (current === undefined || signal.aborted) return;
        const { batch, mapped, started } = current;
        const last = batch[batch.length - 1].position;
        const sending = this.deps.sink.send(mapped.messages);
        next = this.readAndMap(last, prefetchSignal);
        // Awaited at the top of the loop; a failure while the send is pending (the store went
        // away) must not count as an unhandled rejection meanwhile, which ends the process.
        void next.catch(() => undefined);
        await sending;
        // Lease lost during the send: another replica may own the checkpoint now. Leaving it
        // unsaved only means this batch may be sent again (at least once), never skipped. A stop
        // during the send (SIGTERM) still owns it: the acknowledged batch is checkpointed, so a
        // restart does not send it again.
        if (leaseLost.aborted) return;
        await this.deps.checkpoints.save(this.name, last);
        this.recordBatch(batch.length, mapped, started);
        this.advance(last);
      }
    } finally {
      // A prefetch still running would fold session views while the next attempt resets them.
      prefetch.abort();
      await next.catch(() => undefined);
    }
  }

  private async readAndMap(
    after: Position | undefined,
    signal: AbortSignal,
  ): Promise<{ batch: RecordedEvent[]; mapped: MappedBatch; started: number } | undefined> {
    const batch = await this.nextBatch(after, signal);
    if (batch.length === 0) return undefined;
    const started = Date.now();
    const mapped = await this.mapper.map(batch);
    return signal.aborted ? undefined : { batch, mapped, started };
  }

  private recordBatch(events: number, mapped: MappedBatch, started: number): void {
    this.state.errors = { ...this.state.errors, consecutive: 0 };
    this.state.lastBatch = {
      events,
      messages: mapped.messages.length,
      at: new Date().toISOString(),
      millis: Date.now() - started,
    };
    const t = this.state.totals;
    this.state.totals = {
      events: t.events + events,
      messages: t.messages + mapped.messages.length,
      skippedDeleted: t.skippedDeleted + mapped.skippedDeleted,
      skippedOther: t.skippedOther + mapped.skippedOther,
    };
  }

  /** The next events after `checkpoint`; once caught up, waits for an append. Empty: aborted. */
  private async nextBatch(
    checkpoint: Position | undefined,
    signal: AbortSignal,
  ): Promise<RecordedEvent[]> {
    while (!signal.aborted) {
      const batch = await this.deps.store.readAll({ after: checkpoint, maxCount: this.batchSize });
      if (batch.length > 0) {
        this.setPhase(batch.length === this.batchSize ? 'catching-up' : 'live');
        return batch;
      }
      this.setPhase('live');
      await this.waitForAppendAfter(checkpoint, signal);
    }
    return [];
  }

  /** A subscription used as a wake-up: it ends as soon as one event after `checkpoint` exists. */
  private async waitForAppendAfter(
    checkpoint: Position | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    const done = new AbortController();
    const iterator = this.deps.store
      .subscribe({ after: checkpoint, signal: AbortSignal.any([signal, done.signal]) })
      [Symbol.asyncIterator]();
    try {
      await iterator.next();
    } finally {
      done.abort();
      await iterator.return?.();
    }
  }

  private advance(position: Position | undefined): void {
    if (position === undefined) return;
    if (this.state.position !== undefined && comparePositions(position, this.state.position) < 0)
      return;
    this.state.position = position;
    for (const waiter of [...this.waiters]) waiter();
  }

  private setPhase(phase: PublisherPhase): void {
    this.state.phase = phase;
  }

  private async failed(error: unknown, stop: AbortSignal): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const consecutive = this.state.errors.consecutive + 1;
    this.state.errors = {
      count: this.state.errors.count + 1,
      consecutive,
      last: { message, at: new Date().toISOString() },
    };
    this.setPhase('retrying');
    const delay = backoffDelay(this.backoff, consecutive);
    this.deps.logger.warn('Kafka publisher failed; resuming from its checkpoint', {
      name: this.name,
      error: message,
      retryInMs: delay,
      checkpoint: this.state.position ?? null,
    });
    await pause(delay, stop);
  }
}
