import { Inject, Injectable } from '@nestjs/common';
import { readConsumerStatuses, type ConsumerStatus } from '@app/consumers';
import { KAFKA_PUBLISHER } from '@app/messaging';
import { APP_CONFIG, type AppConfig } from '@app/platform';
import { ProjectorHook } from './projector.hook';
import { STORES, type Stores } from './stores';

/** Health, metrics and the admin endpoint ask within moments of each other: one read serves. */
const CACHE_MS = 500;

/**
 * The status of every consumer of the log, for health, metrics and the admin endpoint, in one
 * shape wherever the consumers run: the read-model projections, and the Kafka publisher whenever
 * KAFKA_BROKERS is configured (also before it ever ran, or when Kafka is unreachable). From the
 * consumer store (checkpoints, set-aside sessions, the running process's report) and the event
 * store (lag), with the live state of those running in this process.
 */
@Injectable()
export class ConsumerStatuses {
  private cached: { at: number; value: Promise<ConsumerStatus[]> } | undefined;

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hook: ProjectorHook,
  ) {}

  names(): string[] {
    return [
      ...this.stores.readModels.projections.map((p) => p.name),
      ...(this.config.kafkaBrokers === undefined ? [] : [KAFKA_PUBLISHER]),
    ];
  }

  statuses(): Promise<ConsumerStatus[]> {
    const now = Date.now();
    if (this.cached === undefined || now - this.cached.at > CACHE_MS) {
      const value = this.read();
      this.cached = { at: now, value };
      // A failed read is not kept: the next caller asks again.
      value.catch(() => {
        if (this.cached?.value === value) this.cached = undefined;
      });
    }
    return this.cached.value;
  }

  private read(): Promise<ConsumerStatus[]> {
    const refs = this.names().map((name) => ({
      name,
      kind: name === KAFKA_PUBLISHER ? ('publisher' as const) : ('projection' as const),
      live: () => this.hook.live(name),
    }));
    return readConsumerStatuses(
      {
        db: this.stores.readModels.executor,
        eventStore: this.stores.eventStore,
        heldBack: this.stores.heldBack,
      },
      refs,
    );
  }
}
