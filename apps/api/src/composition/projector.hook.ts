import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Projector } from '@app/read-models';
import { STORES, type Stores } from './stores';

/** Whether this process runs the projections itself (the embedded default needs it: one PGlite). */
export const RUN_PROJECTOR = Symbol('RUN_PROJECTOR');

/**
 * The hook for running the projector inside the API process. Off unless ApiModule.forRoot is
 * given `runProjector: true`: then the read models' projector starts once the app is up (on the
 * upcasting event store the queries read); StoresLifecycle stops it before the stores close.
 * Its status feeds /health/ready.
 */
@Injectable()
export class ProjectorHook implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProjectorHook.name);
  private projector: Projector | undefined;

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(RUN_PROJECTOR) private readonly enabled: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.projector = this.stores.readModels.createProjector(this.stores.eventStore, {
      onError: (error, projection) =>
        this.logger.warn(`projection ${projection} failed: ${String(error)}`),
    });
    this.projector.start();
  }

  /** The running projector, for health and admin endpoints; undefined when off. */
  current(): Projector | undefined {
    return this.projector;
  }

  async stop(): Promise<void> {
    await this.projector?.stop();
    this.projector = undefined;
  }
}
