import { hostname } from 'node:os';
import {
  pause,
  silentLogger,
  type AppLogger,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@app/event-store';
import type { SchemaDatabase } from '../database';
import type { Lease, LeaseProvider } from '../lease';
import type { ConsumerState, ConsumerTotals, LiveConsumer } from '../status/live-consumer';
import { activeGeneration, ensureConsumer, readCheckpoint } from '../store/checkpoints';
import { writeReport } from '../store/reports';
import { errorMessageOf, pendingRetries, setAsideIds } from '../store/set-aside';
import { whenAborted } from './abortable';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffSettings } from './backoff';
import { BatchRunner, type CommittedBatch } from './batch-runner';
import type { ConsumerHandler } from './consumer-handler';

export interface ConsumerSettings {
  /** Events per batch (default 500). */
  readonly batchSize?: number;
  /** Live mode: a partial batch is handled once no event came for this long (default 20 ms). */
  readonly idleFlushMs?: number;
  /** Standby replicas try the lease again this often (default 2 s). */
  readonly leaseRetryMs?: number;
  /** After a failure (store, database or broker down): doubling delays with jitter. */
  readonly backoff?: BackoffSettings;
  /** While sessions are set aside, how often to look for an operator's retry (default 1 s). */
  readonly retryPollMs?: number;
  /** How often the lease holder writes its report for other processes (default 5 s). */
  readonly reportEveryMs?: number;
  readonly onError?: (error: unknown, consumer: string) => void;
}

export interface ConsumerOptions extends ConsumerSettings {
  readonly name: string;
  readonly handler: ConsumerHandler;
  readonly eventStore: EventStore;
  /** Where its checkpoints, set-aside sessions and reports live (the consumer store's schema). */
  readonly db: SchemaDatabase;
  readonly leases: LeaseProvider;
  readonly logger?: AppLogger;
  /**
   * Registers the consumer before it first runs (default: ensureConsumer); a projection also
   * creates its first generation's tables there.
   */
  readonly register?: () => Promise<void>;
}

type FollowOutcome = 'resync' | 'ended';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const HOLDER = `${hostname()}:${process.pid}`;

/**
 * A named consumer of the event log, written once for every projection and the publisher: while
 * holding its lease it catches up from its stored checkpoint with readAll batches (reading the
 * next while the handler works on the current one), then follows the live subscription in
 * batches; the handler applies each batch and commits the checkpoint where its effect commits.
 * Poison events are set aside per session (BatchRunner); transient failures back off and resume
 * from the stored checkpoint, for ever.
 */
export class Consumer {
  private readonly stopController = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly live: Mutable<LiveConsumer>;
  private totals: Record<string, number> = { events: 0, errors: 0 };
  private readonly waiters = new Set<() => void>();
  private readonly batchSize: number;
  private readonly logger: AppLogger;
  /** Whether this process holds (or last held) the lease: only the holder writes reports. */
  private holding = false;

  constructor(private readonly options: ConsumerOptions) {
    this.batchSize = options.batchSize ?? 500;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError('batchSize must be an integer >= 1');
    }
    this.logger = options.logger ?? silentLogger;
    this.live = {
      name: options.name,
      state: 'idle',
      generation: undefined,
      position: undefined,
      lastError: undefined,
      lastErrorAt: undefined,
      consecutiveErrors: 0,
      totals: this.totals as ConsumerTotals,
      lastBatch: undefined,
    };
  }

  get name(): string {
    return this.options.name;
  }

  get state(): ConsumerState {
    return this.live.state;
  }

  /** Last position this process committed. */
  get position(): Position | undefined {
    return this.live.position;
  }

  /** What this process knows of the consumer now (the status adds what the database knows). */
  snapshot(): LiveConsumer {
    return { ...this.live, totals: { ...this.totals } as ConsumerTotals };
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Finishes the batch in hand, commits its checkpoint, releases the lease. */
  async stop(): Promise<void> {
    this.stopController.abort(new Error('stopping'));
    await this.loop;
    this.setState('stopped');
  }

  /** Resolves once this process has committed `position` (bounded by `timeoutMs`). */
  waitForPosition(position: Position, timeoutMs = 30_000): Promise<void> {
    if (this.reached(position)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!this.reached(position)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `consumer ${this.name} did not reach ${position} within ${timeoutMs} ms (at ${String(this.live.position)}, ${this.live.state}, last error: ${this.live.lastError ?? 'none'})`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private reached(position: Position): boolean {
    return this.live.position !== undefined && BigInt(this.live.position) >= BigInt(position);
  }

  private async run(): Promise<void> {
    const stop = this.stopController.signal;
    const { leases, name, db } = this.options;
    while (!stop.aborted) {
      let lease: Lease | undefined;
      let reporting: NodeJS.Timeout | undefined;
      try {
        await (this.options.register?.() ??
          db.transaction((tx) => ensureConsumer(tx, name)).then(() => undefined));
        lease = await leases.tryAcquire(name);
        if (lease === undefined) {
          this.holding = false;
          this.setState('standby');
          await pause(this.options.leaseRetryMs ?? 2_000, stop);
          continue;
        }
        this.holding = true;
        if (this.live.consecutiveErrors === 0) this.setState('running');
        await this.report();
        reporting = setInterval(() => void this.report(), this.options.reportEveryMs ?? 5_000);
        reporting.unref();
        while ((await this.follow(lease)) === 'resync' && !stop.aborted && !lease.lost.aborted);
      } catch (error) {
        await this.failed(error);
        await pause(
          backoffDelay(this.options.backoff ?? DEFAULT_BACKOFF, this.live.consecutiveErrors),
          stop,
        );
      } finally {
        clearInterval(reporting);
        await lease?.release();
      }
    }
    this.setState('stopped');
    await this.report();
  }

  /** From the stored checkpoint: catch up, then follow live, until stopped or out of sync. */
  private async follow(lease: Lease): Promise<FollowOutcome> {
    const stop = this.stopController.signal;
    const { db, eventStore, name, handler } = this.options;
    // Whatever the handler kept between batches may be ahead of the stored checkpoint.
    await handler.reset?.();
    await handler.start?.();
    const generation = await activeGeneration(db, name);
    if (generation === undefined) throw new Error(`consumer ${name} is not registered`);
    const stored = await readCheckpoint(db, name, generation);
    const setAside = new Set(await setAsideIds(db, name, generation));
    const runner = new BatchRunner({
      consumer: name,
      generation,
      followsActive: true,
      db,
      eventStore,
      handler,
      setAside,
      lost: lease.lost,
      stopping: stop,
      logger: this.logger,
      onCommitted: (commit) => this.committed(commit),
    });
    let position = stored?.position;
    this.live.generation = generation;
    this.advance(position);
    let lastRetryPoll = 0;
    const retriesDue = (): boolean =>
      setAside.size > 0 && Date.now() - lastRetryPoll >= (this.options.retryPollMs ?? 1_000);
    const runRetries = async (): Promise<'moved' | undefined> => {
      lastRetryPoll = Date.now();
      for (const sessionId of await pendingRetries(db, name, generation)) {
        const outcome = await runner.retry(sessionId, position);
        this.logger.info(`consumer ${name}: retry of set-aside session ${sessionId}: ${outcome}`);
        if (outcome === 'moved') return 'moved';
      }
      return undefined;
    };

    // Catch-up: the next batch is read while the handler works on this one.
    let next: Promise<RecordedEvent[]> | undefined = eventStore.readAll({
      after: position,
      maxCount: this.batchSize,
    });
    try {
      while (next !== undefined) {
        if (stop.aborted || lease.lost.aborted) return 'ended';
        if (retriesDue() && (await runRetries()) === 'moved') return 'resync';
        const events: RecordedEvent[] = await next;
        const last = events[events.length - 1];
        if (last === undefined) break;
        next =
          events.length < this.batchSize
            ? undefined
            : eventStore.readAll({ after: last.position, maxCount: this.batchSize });
        const outcome = await runner.run(events, position);
        if (outcome.kind === 'moved') return 'resync';
        position = outcome.position;
        this.advance(position);
      }
    } finally {
      next?.catch(() => undefined);
    }
    // Caught up: whatever failed before works again, even when no event came to prove it.
    this.recovered();

    const subscription = new AbortController();
    const ended = AbortSignal.any([stop, lease.lost, subscription.signal]);
    const iterator = eventStore
      .subscribe({ after: position, signal: ended })
      [Symbol.asyncIterator]();
    const aborted = whenAborted(ended);
    let pending: Promise<IteratorResult<RecordedEvent>> | undefined;
    // Armed by the first event of a batch: a partial batch waits at most idleFlushMs.
    let idle: Promise<'idle'> | undefined;
    let retryTick: Promise<'retry'> | undefined;
    let batch: RecordedEvent[] = [];
    const flush = async (): Promise<boolean> => {
      const outcome = await runner.run(batch, position);
      if (outcome.kind === 'moved') return false;
      position = outcome.position;
      this.advance(position);
      batch = [];
      idle = undefined;
      return true;
    };
    try {
      for (;;) {
        pending ??= iterator.next();
        retryTick ??=
          setAside.size > 0
            ? pause(this.options.retryPollMs ?? 1_000, ended).then(() => 'retry' as const)
            : undefined;
        const racers: Array<Promise<IteratorResult<RecordedEvent> | 'aborted' | 'idle' | 'retry'>> =
          [pending, aborted];
        if (idle) racers.push(idle);
        if (retryTick) racers.push(retryTick);
        const result = await Promise.race(racers);
        if (result === 'aborted' || (typeof result === 'object' && result.done === true)) {
          // Stopping gracefully finishes the batch in hand; a lost lease must not write again.
          if (batch.length > 0 && !lease.lost.aborted && !(await flush())) return 'resync';
          return stop.aborted || lease.lost.aborted ? 'ended' : 'resync';
        }
        if (result === 'retry') {
          retryTick = undefined;
          if (batch.length === 0 && (await runRetries()) === 'moved') return 'resync';
          continue;
        }
        if (result !== 'idle') {
          pending = undefined;
          batch.push(result.value);
          idle ??= pause(this.options.idleFlushMs ?? 20, ended).then(() => 'idle' as const);
          if (batch.length < this.batchSize) continue;
        }
        if (!(await flush())) return 'resync';
      }
    } finally {
      // A read still in flight settles after we leave; its outcome no longer matters.
      pending?.catch(() => undefined);
      subscription.abort();
      await iterator.return?.().catch(() => undefined);
    }
  }

  private committed(commit: CommittedBatch): void {
    const totals = this.totals;
    totals.events = (totals.events ?? 0) + commit.events;
    for (const [counter, amount] of commit.counters) {
      totals[counter] = (totals[counter] ?? 0) + amount;
    }
    if (commit.events > 0) {
      this.live.lastBatch = { events: commit.events, at: new Date().toISOString() };
    }
    this.recovered();
  }

  /** A success after failures: the error is over, and other processes are told at once. */
  private recovered(): void {
    if (this.live.consecutiveErrors === 0 && this.live.state === 'running') return;
    this.live.consecutiveErrors = 0;
    this.live.lastError = undefined;
    this.live.lastErrorAt = undefined;
    this.setState('running');
    void this.report();
  }

  private advance(position: Position | undefined): void {
    if (position === undefined) return;
    this.live.position = position;
    for (const waiter of [...this.waiters]) waiter();
  }

  private setState(state: ConsumerState): void {
    this.live.state = state;
  }

  private async failed(error: unknown): Promise<void> {
    const message = errorMessageOf(error);
    this.totals.errors = (this.totals.errors ?? 0) + 1;
    this.live.consecutiveErrors += 1;
    this.live.lastError = message;
    this.live.lastErrorAt = new Date().toISOString();
    this.setState('retrying');
    this.logger.warn(`consumer ${this.name} failed; resuming from its checkpoint`, {
      consumer: this.name,
      error: message,
      consecutiveErrors: this.live.consecutiveErrors,
      checkpoint: this.live.position ?? null,
    });
    this.options.onError?.(error, this.name);
    await this.report();
  }

  /** Best effort: the database may be what failed; the next report says it again. */
  private async report(): Promise<void> {
    if (!this.holding) return;
    const live = this.live;
    await writeReport(this.options.db, {
      consumer: this.name,
      holder: HOLDER,
      state: live.state,
      lastError: live.lastError ?? null,
      lastErrorAt: live.lastErrorAt ?? null,
      consecutiveErrors: live.consecutiveErrors,
      totals: { ...this.totals },
      lastBatch: live.lastBatch ?? null,
    }).catch(() => undefined);
  }
}
