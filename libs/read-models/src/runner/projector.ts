import type { EventStore, Position } from '@app/event-store';
import type { SqlExecutor } from '../store';
import type { DeletedSessionsLookup } from './apply-batch';
import type { LeaseProvider } from './lease';
import type { ProjectionDefinition } from './projection-definition';
import { ProjectionRunner } from './projection-runner';
import { projectionStatus, type ProjectionStatus } from './projection-status';
import { waitForPosition } from './wait-for-position';

export interface ProjectorOptions {
  readonly executor: SqlExecutor;
  readonly eventStore: EventStore;
  readonly leases: LeaseProvider;
  readonly projections: readonly ProjectionDefinition[];
  readonly deletedSessions?: DeletedSessionsLookup;
  readonly batchSize?: number;
  readonly idleFlushMs?: number;
  readonly leaseRetryMs?: number;
  readonly errorBackoffMs?: number;
  readonly onError?: (error: unknown, projection: string) => void;
}

/** Several projections side by side, each with its own checkpoint, lease and runner. */
export class Projector {
  readonly runners: readonly ProjectionRunner[];

  constructor(private readonly options: ProjectorOptions) {
    this.runners = options.projections.map(
      (definition) =>
        new ProjectionRunner({
          executor: options.executor,
          eventStore: options.eventStore,
          leases: options.leases,
          definition,
          deletedSessions: options.deletedSessions,
          batchSize: options.batchSize,
          idleFlushMs: options.idleFlushMs,
          leaseRetryMs: options.leaseRetryMs,
          errorBackoffMs: options.errorBackoffMs,
          onError: options.onError,
        }),
    );
  }

  start(): void {
    for (const runner of this.runners) runner.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  status(): Promise<ProjectionStatus[]> {
    return Promise.all(
      this.runners.map((runner) =>
        projectionStatus(this.options.executor, this.options.eventStore, runner.snapshot()),
      ),
    );
  }

  /** Waits until the named projections (default: all) have applied `position`. */
  waitForPosition(
    position: Position,
    timeoutMs: number,
    projections: readonly string[] = this.runners.map((runner) => runner.name),
  ): Promise<Position> {
    return waitForPosition(this.options.executor, projections, position, timeoutMs);
  }
}
