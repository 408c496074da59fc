import type { Position } from '@app/event-store';
import type { ProjectionStatus, Projector, ProjectorSettings } from '@app/read-models';
import type { ProjectorStores } from './projector-stores';

export interface ProjectorLogger {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * The projector app's core, free of any bootstrap: starts every read-model projection over the
 * stores (each with its lease, so replicas of this process stand by), reports their status, and
 * stops gracefully (current batches committed, leases released) before the stores close.
 */
export class ProjectorRuntime {
  private projector: Projector | undefined;

  constructor(
    private readonly stores: ProjectorStores,
    private readonly logger: ProjectorLogger,
    private readonly settings: ProjectorSettings = {},
  ) {}

  start(): void {
    if (this.projector) return;
    this.projector = this.stores.readModels.createProjector(this.stores.eventStore, {
      ...this.settings,
      onError: (error, projection) => {
        this.logger.warn(`projection ${projection} failed, retrying: ${String(error)}`);
        this.settings.onError?.(error, projection);
      },
    });
    this.projector.start();
    this.logger.info(
      `projector started: ${this.stores.readModels.projections.map((p) => p.name).join(', ')}`,
    );
  }

  status(): Promise<ProjectionStatus[]> {
    return this.projector?.status() ?? Promise.resolve([]);
  }

  waitForPosition(position: Position, timeoutMs: number): Promise<Position> {
    if (!this.projector) return Promise.reject(new Error('projector not started'));
    return this.projector.waitForPosition(position, timeoutMs);
  }

  /** Graceful: batches in hand are committed with their checkpoints, then leases and stores go. */
  async stop(): Promise<void> {
    await this.projector?.stop();
    this.projector = undefined;
    await this.stores.close();
    this.logger.info('projector stopped');
  }
}
