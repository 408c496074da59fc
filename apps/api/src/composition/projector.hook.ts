import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  alwaysHeldLease,
  createKafkaPublisher,
  type KafkaPublisher,
  kafkaConfigFromEnv,
  type MessagingLogger,
  SqlCheckpointStore,
} from '@app/messaging';
import { APP_CONFIG, type AppConfig } from '@app/platform';
import type { Projector } from '@app/read-models';
import { STORES, type Stores } from './stores';

/** Whether this process runs the projections itself (the embedded default needs it: one PGlite). */
export const RUN_PROJECTOR = Symbol('RUN_PROJECTOR');

/**
 * The hook for running the event consumers inside the API process. Off unless ApiModule.forRoot
 * is given `runProjector: true` (the embedded default, whose one PGlite no other process can
 * open): then the read models' projector starts once the app is up, and so does the Kafka
 * publisher when KAFKA_BROKERS is set (its checkpoint in the same database; one process, so its
 * lease is always held). StoresLifecycle stops both before the stores close. The projector's
 * status feeds /health/ready.
 */
@Injectable()
export class ProjectorHook implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProjectorHook.name);
  private projector: Projector | undefined;
  private publisher: KafkaPublisher | undefined;

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(RUN_PROJECTOR) private readonly enabled: boolean,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    this.projector = this.stores.readModels.createProjector(this.stores.eventStore, {
      onError: (error, projection) =>
        this.logger.warn(`projection ${projection} failed: ${String(error)}`),
    });
    this.projector.start();
    if (this.config.kafkaBrokers !== undefined) await this.startPublisher();
  }

  private async startPublisher(): Promise<void> {
    const logger: MessagingLogger = {
      info: (message) => this.logger.log(message),
      warn: (message) => this.logger.warn(message),
    };
    const setup = createKafkaPublisher(kafkaConfigFromEnv(process.env), {
      store: this.stores.eventStore,
      checkpoints: await SqlCheckpointStore.open(this.stores.idempotencyDatabase),
      lease: alwaysHeldLease(),
      logger,
    });
    if (!setup.enabled) return;
    this.publisher = setup.publisher;
    this.publisher.start();
  }

  /** The running projector, for health and admin endpoints; undefined when off. */
  current(): Projector | undefined {
    return this.projector;
  }

  async stop(): Promise<void> {
    await this.publisher?.stop();
    this.publisher = undefined;
    await this.projector?.stop();
    this.projector = undefined;
  }
}
