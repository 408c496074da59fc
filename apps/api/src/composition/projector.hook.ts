import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditSealer } from '@app/audit';
import type { LiveConsumer } from '@app/consumers';
import { createKafkaPublisher, type KafkaPublisher, kafkaConfigFromEnv } from '@app/messaging';
import { APP_CONFIG, type AppConfig } from '@app/platform';
import type { Projector } from '@app/read-models';
import { AuditKeys } from '../audit/audit-signer';
import { STORES, type Stores } from './stores';
import type { AppLogger } from '@app/event-store';

/** Whether this process runs the consumers itself (the embedded default needs it: one PGlite). */
export const RUN_PROJECTOR = Symbol('RUN_PROJECTOR');

/**
 * The hook for running the consumers of the log inside the API process. Off unless
 * ApiModule.forRoot is given `runProjector: true` (the embedded default, whose one PGlite no
 * other process can open): then the read models' projections start once the app is up, and so
 * does the Kafka publisher when KAFKA_BROKERS is set, on the same consumer core (checkpoints in
 * the read models' database; one process, so its leases are in memory). StoresLifecycle stops
 * both before the stores close. Their live state feeds the consumer statuses.
 */
@Injectable()
export class ProjectorHook implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProjectorHook.name);
  private projector: Projector | undefined;
  private publisher: KafkaPublisher | undefined;
  private sealer: AuditSealer | undefined;

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(RUN_PROJECTOR) private readonly enabled: boolean,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: AuditKeys,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    const logger: AppLogger = {
      info: (message) => this.logger.log(message),
      warn: (message, details) =>
        this.logger.warn(details === undefined ? message : `${message} ${JSON.stringify(details)}`),
    };
    this.projector = this.stores.readModels.createProjector(this.stores.eventStore, {
      logger,
      heldBack: this.stores.heldBack,
    });
    this.projector.start();
    // The sealing consumer (docs/audit.md, "Seals") on the same core and database.
    this.sealer = new AuditSealer({
      rawEventStore: this.stores.rawEventStore,
      db: this.stores.readModels.executor,
      leases: this.stores.readModels.leases,
      signer: this.keys.signer(),
      logger,
    });
    this.sealer.start();
    if (this.config.kafkaBrokers !== undefined) this.startPublisher(logger);
  }

  private startPublisher(logger: AppLogger): void {
    const setup = createKafkaPublisher(kafkaConfigFromEnv(process.env), {
      store: this.stores.eventStore,
      db: this.stores.readModels.executor,
      leases: this.stores.readModels.leases,
      logger,
      heldBack: this.stores.heldBack,
    });
    if (!setup.enabled) return;
    this.publisher = setup.publisher;
    this.publisher.start();
  }

  /** Whether the consumers run in this process. */
  get runsHere(): boolean {
    return this.enabled;
  }

  /** The live state of a consumer running in this process, if it does. */
  live(name: string): LiveConsumer | undefined {
    if (this.publisher?.name === name) return this.publisher.snapshot();
    if (this.sealer?.consumer.name === name) return this.sealer.consumer.snapshot();
    return this.projector?.consumers.find((consumer) => consumer.name === name)?.snapshot();
  }

  /** The sealer, when the consumers run in this process. */
  get auditSealer(): AuditSealer | undefined {
    return this.sealer;
  }

  async stop(): Promise<void> {
    await this.sealer?.stop();
    this.sealer = undefined;
    await this.publisher?.stop();
    this.publisher = undefined;
    await this.projector?.stop();
    this.projector = undefined;
  }
}
