import {
  Consumer,
  readConsumerStatuses,
  type ConsumerSettings,
  type ConsumerStatus,
  type HeldBack,
  type LeaseProvider,
  type SchemaDatabase,
} from '@app/consumers';
import type { EventStore, Position } from '@app/event-store';
import { ensureProjection } from './generations';
import { projectionHandler, type DeletedSessionsLookup } from './projection-handler';
import type { ProjectionDefinition } from './projection-definition';
import { waitForPosition } from './wait-for-position';
import type { AppLogger } from '@app/event-store';

/** How the projections run: the core's settings, its logger, and where held-back readers show. */
export interface ProjectorSettings extends ConsumerSettings {
  readonly logger?: AppLogger;
  /** The event store's probe for a transaction holding readers back (PostgreSQL). */
  readonly heldBack?: () => Promise<HeldBack | undefined>;
}

export interface ProjectorOptions extends ProjectorSettings {
  readonly executor: SchemaDatabase;
  readonly eventStore: EventStore;
  readonly leases: LeaseProvider;
  readonly projections: readonly ProjectionDefinition[];
  readonly deletedSessions?: DeletedSessionsLookup;
}

/** Every read-model projection as a consumer of the log on the core, each with its own lease. */
export class Projector {
  readonly consumers: readonly Consumer[];

  constructor(private readonly options: ProjectorOptions) {
    const { executor, eventStore, leases, deletedSessions, projections, ...settings } = options;
    this.consumers = projections.map(
      (definition) =>
        new Consumer({
          ...settings,
          name: definition.name,
          handler: projectionHandler({ executor, eventStore, definition, deletedSessions }),
          eventStore,
          db: executor,
          leases,
          register: () => ensureProjection(executor, definition),
        }),
    );
  }

  start(): void {
    for (const consumer of this.consumers) consumer.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }

  status(): Promise<ConsumerStatus[]> {
    const { executor, eventStore, heldBack } = this.options;
    return readConsumerStatuses(
      { db: executor, eventStore, heldBack },
      this.consumers.map((consumer) => ({
        name: consumer.name,
        kind: 'projection' as const,
        live: () => consumer.snapshot(),
      })),
    );
  }

  /** Waits until the named projections (default: all) have applied `position`. */
  waitForPosition(
    position: Position,
    timeoutMs: number,
    projections: readonly string[] = this.consumers.map((consumer) => consumer.name),
  ): Promise<Position> {
    return waitForPosition(this.options.executor, projections, position, timeoutMs);
  }
}
