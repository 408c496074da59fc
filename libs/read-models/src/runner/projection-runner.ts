import { EventEmitter } from 'node:events';
import type { EventStore, Position, RecordedEvent } from '@app/event-store';
import type { SqlExecutor } from '../store';
import { pause } from '@app/event-store';
import { whenAborted } from './abortable';
import { applyBatch, type DeletedSessionsLookup } from './apply-batch';
import { ensureProjection, readActiveCheckpoint } from './generations';
import type { Lease, LeaseProvider } from './lease';
import type { ProjectionDefinition } from './projection-definition';

export type RunnerState = 'idle' | 'standby' | 'running' | 'stopped';

export interface RunnerSnapshot {
  readonly name: string;
  readonly state: RunnerState;
  /** Last position this runner committed (undefined before its first batch). */
  readonly position: Position | undefined;
  readonly lastError: string | undefined;
}

export interface ProjectionRunnerOptions {
  readonly executor: SqlExecutor;
  readonly eventStore: EventStore;
  readonly definition: ProjectionDefinition;
  readonly leases: LeaseProvider;
  readonly deletedSessions?: DeletedSessionsLookup;
  /** Events per transaction. */
  readonly batchSize?: number;
  /** Live mode: a partial batch is applied once no event came for this long. */
  readonly idleFlushMs?: number;
  /** Standby replicas try the lease again this often. */
  readonly leaseRetryMs?: number;
  /** Wait before retrying after an error (store or database down). */
  readonly errorBackoffMs?: number;
  readonly onError?: (error: unknown, projection: string) => void;
}

type FollowOutcome = 'resync' | 'ended';

/**
 * Runs one projection while holding its lease: catches up with readAll batches from its stored
 * checkpoint, then follows the live subscription, applying events in batches, each in one
 * transaction with its checkpoint. Emits 'applied' (position) after every commit.
 */
export class ProjectionRunner extends EventEmitter {
  private readonly stopController = new AbortController();
  private loop: Promise<void> | undefined;
  private state: RunnerState = 'idle';
  private position: Position | undefined;
  private lastError: string | undefined;
  private readonly batchSize: number;

  constructor(private readonly options: ProjectionRunnerOptions) {
    super();
    this.batchSize = options.batchSize ?? 500;
  }

  get name(): string {
    return this.options.definition.name;
  }

  snapshot(): RunnerSnapshot {
    return {
      name: this.name,
      state: this.state,
      position: this.position,
      lastError: this.lastError,
    };
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Finishes the batch in hand, commits its checkpoint, releases the lease. */
  async stop(): Promise<void> {
    this.stopController.abort(new Error('stopping'));
    await this.loop;
    this.state = 'stopped';
  }

  private async run(): Promise<void> {
    const stop = this.stopController.signal;
    const { leases, definition, executor } = this.options;
    while (!stop.aborted) {
      let lease: Lease | undefined;
      try {
        await ensureProjection(executor, definition);
        lease = await leases.tryAcquire(definition.name);
        if (lease === undefined) {
          this.state = 'standby';
          await pause(this.options.leaseRetryMs ?? 2_000, stop);
          continue;
        }
        this.state = 'running';
        while ((await this.follow(lease)) === 'resync' && !stop.aborted && !lease.lost.aborted);
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onError?.(error, definition.name);
        await pause(this.options.errorBackoffMs ?? 1_000, stop);
      } finally {
        await lease?.release();
      }
    }
  }

  /** From the stored checkpoint: catch up, then follow live, until stopped or out of sync. */
  private async follow(lease: Lease): Promise<FollowOutcome> {
    const stop = this.stopController.signal;
    const { executor, eventStore, definition } = this.options;
    const stored = await readActiveCheckpoint(executor, definition.name);
    let checkpoint = stored?.position;
    this.position = checkpoint;

    for (;;) {
      if (stop.aborted || lease.lost.aborted) return 'ended';
      const events = await eventStore.readAll({ after: checkpoint, maxCount: this.batchSize });
      if (events.length === 0) break;
      const next = await this.applyInLease(lease, checkpoint, events);
      if (next === undefined) return 'resync';
      checkpoint = next;
      if (events.length < this.batchSize) break;
    }

    const subscription = new AbortController();
    const ended = AbortSignal.any([stop, lease.lost, subscription.signal]);
    const iterator = eventStore
      .subscribe({ after: checkpoint, signal: ended })
      [Symbol.asyncIterator]();
    const aborted = whenAborted(ended);
    let pending: Promise<IteratorResult<RecordedEvent>> | undefined;
    // Armed by the first event of a batch: a partial batch waits at most idleFlushMs.
    let idle: Promise<'idle'> | undefined;
    let batch: RecordedEvent[] = [];
    try {
      for (;;) {
        pending ??= iterator.next();
        const result = await Promise.race(idle ? [pending, aborted, idle] : [pending, aborted]);
        if (result === 'aborted' || (result !== 'idle' && result.done === true)) {
          // Stopping gracefully finishes the batch in hand; a lost lease must not write again.
          if (batch.length > 0 && !lease.lost.aborted) {
            if ((await this.applyInLease(lease, checkpoint, batch)) === undefined) return 'resync';
          }
          return stop.aborted || lease.lost.aborted ? 'ended' : 'resync';
        }
        if (result !== 'idle') {
          pending = undefined;
          batch.push(result.value);
          idle ??= pause(this.options.idleFlushMs ?? 20, ended).then(() => 'idle' as const);
          if (batch.length < this.batchSize) continue;
        }
        const next = await this.applyInLease(lease, checkpoint, batch);
        if (next === undefined) return 'resync';
        checkpoint = next;
        batch = [];
        idle = undefined;
      }
    } finally {
      // A read still in flight settles after we leave; its outcome no longer matters.
      pending?.catch(() => undefined);
      subscription.abort();
      await iterator.return?.().catch(() => undefined);
    }
  }

  /** The new checkpoint, or undefined when the stored one moved (resume from it). */
  private async applyInLease(
    lease: Lease,
    expected: Position | undefined,
    events: readonly RecordedEvent[],
  ): Promise<Position | undefined> {
    if (lease.lost.aborted) return undefined;
    const result = await applyBatch(this.options.executor, {
      definition: this.options.definition,
      generation: 'active',
      expectedPosition: expected,
      events,
      deletedSessions: this.options.deletedSessions,
    });
    if (!result.applied) return undefined;
    this.position = result.position;
    this.lastError = undefined;
    this.emit('applied', result.position);
    return result.position;
  }
}
