import type { HeldBack } from '@app/consumers';
import {
  createEventStoreDbEventStore,
  createPostgresEventStore,
  defaultUpcasterRegistry,
  withUpcasting,
  type EventStore,
} from '@app/event-store';
import type { AppConfig } from '@app/platform';
import { createPostgresReadModels, type ReadModels } from '@app/read-models';

export interface ProjectorStores {
  /** Upcasting applied: projections read version-2 ClientCharged (or an upcastError). */
  readonly eventStore: EventStore;
  readonly readModels: ReadModels;
  /** A transaction holding the log's readers back, where the event store can tell (PostgreSQL). */
  readonly heldBack?: () => Promise<HeldBack | undefined>;
  close(): Promise<void>;
}

export class ProjectorConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectorConfigurationError';
  }
}

/**
 * The stores a separate projector process opens. The embedded store is one PGlite owned by the
 * API process, which then runs the projections itself: a separate projector needs PostgreSQL
 * read models and a shared event store (PostgreSQL or EventStoreDB).
 */
export async function openProjectorStores(config: AppConfig): Promise<ProjectorStores> {
  if (config.readModelStore !== 'postgres' || config.databaseUrl === undefined) {
    throw new ProjectorConfigurationError(
      'The projector process needs READ_MODEL_STORE=postgres and DATABASE_URL; with the embedded store the API runs the projections',
    );
  }
  let raw: EventStore;
  let heldBack: ProjectorStores['heldBack'];
  if (config.eventStore === 'postgres') {
    const postgres = await createPostgresEventStore({
      connectionString: config.databaseUrl,
      applicationName: 'projector',
    });
    heldBack = () => postgres.heldBack();
    raw = postgres;
  } else if (config.eventStore === 'eventstoredb' && config.eventStoreUrl !== undefined) {
    raw = createEventStoreDbEventStore({ connectionString: config.eventStoreUrl });
  } else {
    throw new ProjectorConfigurationError(
      'The projector process needs EVENT_STORE=postgres (DATABASE_URL) or eventstoredb (EVENTSTORE_URL)',
    );
  }
  try {
    const readModels = await createPostgresReadModels({
      connectionString: config.databaseUrl,
      applicationName: 'projector-read-models',
    });
    return {
      eventStore: withUpcasting(raw, defaultUpcasterRegistry()),
      readModels,
      heldBack,
      close: async () => {
        await readModels.close();
        await raw.close();
      },
    };
  } catch (error) {
    await raw.close();
    throw error;
  }
}
