import {
  BY_SESSION,
  Consumer,
  migrateConsumerStore,
  readConsumerStatuses,
  type ConsumerHandler,
  type ConsumerSettings,
  type ConsumerStatus,
  type HeldBack,
  type LeaseProvider,
  type SchemaDatabase,
} from '@app/consumers';
import type { EventStore, Position } from '@app/event-store';
import { BatchMapper } from './batch-mapper';
import type { DeletionLookup } from './deletion-lookup';
import { importLegacyCheckpoint } from './legacy-checkpoint';
import type { MessageSink } from './message-sink';
import type { AppLogger } from '@app/event-store';

/** The consumer name of the publisher: its checkpoint, lease and status. */
export const KAFKA_PUBLISHER = 'kafka-publisher';

export interface KafkaPublisherDeps {
  readonly store: EventStore;
  /** The consumer store (checkpoint, set-aside sessions, reports): the read models' database. */
  readonly db: SchemaDatabase;
  readonly sink: MessageSink;
  /** PostgreSQL advisory locks between replicas; in this process on the embedded store. */
  readonly leases: LeaseProvider;
  readonly logger: AppLogger;
  /** Default: through the EventStore port (eventStoreDeletionLookup). */
  readonly deletionLookup?: DeletionLookup;
  /** The event store's probe for a transaction holding readers back (PostgreSQL). */
  readonly heldBack?: () => Promise<HeldBack | undefined>;
}

export interface KafkaPublisherOptions extends ConsumerSettings {
  /** Names the checkpoint and the lease (default 'kafka-publisher'). */
  readonly name?: string;
}

/**
 * The Kafka gateway, a consumer of the log on the core: the event store is the outbox. Each batch
 * is mapped to integration messages, sent with the idempotent producer, and its checkpoint
 * committed only after the broker acknowledged every record. A failure drops the producer; the
 * core backs off and resumes from the stored checkpoint, so what is re-sent is at most the batch
 * that was not acknowledged, in the same order, and `ce_id` lets consumers drop the copies. An
 * event that cannot be mapped sets its session aside (its deletion still publishes).
 */
export class KafkaPublisher {
  readonly name: string;
  private readonly consumer: Consumer;

  constructor(
    private readonly deps: KafkaPublisherDeps,
    options: KafkaPublisherOptions = {},
  ) {
    this.name = options.name ?? KAFKA_PUBLISHER;
    const mapper = new BatchMapper(deps.store, deps.deletionLookup);
    const { sink } = deps;
    const handler: ConsumerHandler = {
      ...BY_SESSION,
      // Connect (and create missing topics) before anything is read: a broker out of reach shows
      // in the status, and health, at once.
      async start() {
        try {
          await sink.prepare();
        } catch (error) {
          await sink.reset();
          throw error;
        }
      },
      async handle(batch) {
        const mapped = await mapper.map(batch.events);
        try {
          await sink.prepare();
          await sink.send(mapped.messages);
        } catch (error) {
          await sink.reset();
          throw error;
        }
        // Lease lost during the send: the checkpoint may be another replica's now; leaving it
        // means this batch may be sent again (at least once), never skipped. A stop during the
        // send still owns it: the acknowledged batch is checkpointed and not sent again.
        await batch.commitAlone();
        batch.count('messages', mapped.messages.length);
        batch.count('skippedDeleted', mapped.skippedDeleted);
        batch.count('skippedOther', mapped.skippedOther);
      },
      // Views may be ahead of the stored checkpoint (a batch mapped but not committed).
      reset: () => mapper.resetViews(),
    };
    let imported = false;
    this.consumer = new Consumer({
      ...options,
      name: this.name,
      handler,
      eventStore: deps.store,
      db: deps.db,
      leases: deps.leases,
      logger: deps.logger,
      register: async () => {
        if (imported) return;
        await migrateConsumerStore(deps.db);
        await importLegacyCheckpoint(deps.db, this.name);
        imported = true;
      },
    });
  }

  get state(): Consumer['state'] {
    return this.consumer.state;
  }

  /** Starts publishing in the background; `stop` ends it. */
  start(): void {
    this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer.stop();
    await this.deps.sink.close();
  }

  /** What this process knows of the publisher now, for status readers beside the projections. */
  snapshot(): ReturnType<Consumer['snapshot']> {
    return this.consumer.snapshot();
  }

  async status(): Promise<ConsumerStatus> {
    const [status] = await readConsumerStatuses(
      { db: this.deps.db, eventStore: this.deps.store, heldBack: this.deps.heldBack },
      [{ name: this.name, kind: 'publisher', live: () => this.consumer.snapshot() }],
    );
    return status;
  }

  /** Resolves once the checkpoint has reached `position` (bounded by `timeoutMs`). */
  waitForPosition(position: Position, timeoutMs = 30_000): Promise<void> {
    return this.consumer.waitForPosition(position, timeoutMs);
  }
}
