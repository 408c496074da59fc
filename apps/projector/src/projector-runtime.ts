import {
  readConsumerStatuses,
  type ConsumerRef,
  type ConsumerStatus,
  type LiveConsumer,
} from '@app/consumers';
import type { Position } from '@app/event-store';
import { AuditSealer, type SealSigner } from '@app/audit';
import type { KafkaPublisher } from '@app/messaging';
import type { Projector, ProjectorSettings } from '@app/read-models';
import type { ProjectorStores } from './projector-stores';
import type { AppLogger } from '@app/event-store';

/**
 * The projector app's core, free of any bootstrap: starts every read-model projection over the
 * stores (each with its lease, so replicas of this process stand by), reports the status of
 * every consumer of the log it runs (the publisher too, once attached), and stops gracefully
 * (current batches committed, leases released) before the stores close.
 */
export class ProjectorRuntime {
  private projector: Projector | undefined;
  private publisher: KafkaPublisher | undefined;
  private sealer: AuditSealer | undefined;

  constructor(
    private readonly stores: ProjectorStores,
    private readonly logger: AppLogger,
    private readonly settings: ProjectorSettings = {},
    /** The seals' signer: with it (and the raw store) the sealing consumer runs here too. */
    private readonly signer?: SealSigner,
  ) {}

  start(): void {
    if (this.projector) return;
    this.projector = this.stores.readModels.createProjector(this.stores.eventStore, {
      logger: this.logger,
      heldBack: this.stores.heldBack,
      ...this.settings,
    });
    this.projector.start();
    if (this.signer && this.stores.rawEventStore) {
      this.sealer = new AuditSealer({
        rawEventStore: this.stores.rawEventStore,
        db: this.stores.readModels.executor,
        leases: this.stores.readModels.leases,
        signer: this.signer,
        logger: this.logger,
      });
      this.sealer.start();
    }
    this.logger.info(
      `projector started: ${this.stores.readModels.projections.map((p) => p.name).join(', ')}`,
    );
  }

  /** The publisher running beside the projections, listed in the status. */
  attachPublisher(publisher: KafkaPublisher | undefined): void {
    this.publisher = publisher;
  }

  /** Names of the consumers this process runs, for health even when their status is unreadable. */
  consumerNames(): string[] {
    return [
      ...this.stores.readModels.projections.map((p) => p.name),
      ...(this.sealer ? [this.sealer.consumer.name] : []),
      ...(this.publisher ? [this.publisher.name] : []),
    ];
  }

  /** What this process knows of one of its consumers now. */
  live(name: string): LiveConsumer | undefined {
    if (this.publisher?.name === name) return this.publisher.snapshot();
    if (this.sealer?.consumer.name === name) return this.sealer.consumer.snapshot();
    return this.projector?.consumers.find((c) => c.name === name)?.snapshot();
  }

  status(): Promise<ConsumerStatus[]> {
    const refs: ConsumerRef[] = this.consumerNames().map((name) => ({
      name,
      kind: name === this.publisher?.name ? 'publisher' : 'projection',
      live: () => this.live(name),
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

  waitForPosition(position: Position, timeoutMs: number): Promise<Position> {
    if (!this.projector) return Promise.reject(new Error('projector not started'));
    return this.projector.waitForPosition(position, timeoutMs);
  }

  /** Graceful: batches in hand are committed with their checkpoints, then leases and stores go. */
  async stop(): Promise<void> {
    await this.sealer?.stop();
    this.sealer = undefined;
    await this.publisher?.stop();
    this.publisher = undefined;
    await this.projector?.stop();
    this.projector = undefined;
    await this.stores.close();
    this.logger.info('projector stopped');
  }
}
