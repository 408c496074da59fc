import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ProjectorHook, STORES, type Stores } from '../composition';
import { withTimeout } from './with-timeout';

const PROBE_TIMEOUT_MS = 2_000;

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** What /health/ready checks: the event store, the read-model database, the projections' lag. */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(STORES) private readonly stores: Stores,
    private readonly projector: ProjectorHook,
  ) {}

  async eventStore() {
    const check = this.indicators.check('eventStore');
    try {
      const head = await withTimeout(
        this.stores.eventStore.headPosition(),
        PROBE_TIMEOUT_MS,
        'event store',
      );
      return check.up({ headPosition: head ?? null });
    } catch (error) {
      return check.down({ message: messageOf(error) });
    }
  }

  async readModels() {
    const check = this.indicators.check('readModels');
    try {
      await withTimeout(
        this.stores.readModels.executor.query('SELECT 1 AS one'),
        PROBE_TIMEOUT_MS,
        'read models',
      );
      return check.up({ kind: this.stores.readModels.executor.kind });
    } catch (error) {
      return check.down({ message: messageOf(error) });
    }
  }

  /** Lag is reported, not judged: a projector catching up still serves (minPosition waits). */
  async projections() {
    const check = this.indicators.check('projections');
    const projector = this.projector.current();
    if (projector === undefined) return check.up({ inProcess: false });
    try {
      const statuses = await withTimeout(projector.status(), PROBE_TIMEOUT_MS, 'projections');
      return check.up({
        inProcess: true,
        projections: statuses.map((status) => ({
          name: status.name,
          state: status.state,
          position: status.position ?? null,
          lagEvents: status.lagEvents,
          lagSeconds: status.lagSeconds,
          lastError: status.lastError ?? null,
        })),
      });
    } catch (error) {
      return check.down({ message: messageOf(error) });
    }
  }
}
