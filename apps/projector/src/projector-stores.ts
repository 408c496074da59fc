import type { HeldBack } from '@app/consumers';
import type { EventStore } from '@app/event-store';
import { createPostgresEventStore } from '@app/event-store/postgres';
import { defaultUpcasterRegistry, withUpcasting } from '@app/event-store/upcasting';
import { type AppConfig, reachEventStoreDb, StartupRetry } from '@app/platform';
import { createPostgresReadModels, type ReadModels } from '@app/read-models';

export interface ProjectorStores {
  /** Upcasting applied: projections read version-2 ClientCharged (or an upcastError). */
  readonly eventStore: EventStore;
  /** The same store without upcasting: the audit's sealer hashes events as stored. */
  readonly rawEventStore?: EventStore;
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
 * read models and a shared event store (PostgreSQL or EventStoreDB). A database or store not
 * reachable yet is tried again for up to 10 s, then a StartupError names its variable.
 */
export async function openProjectorStores(
  config: AppConfig,
  notice?: (line: string) => void,
): Promise<ProjectorStores> {
  if (config.readModelStore !== 'postgres' || config.databaseUrl === undefined) {
    throw new ProjectorConfigurationError(
      'The projector process needs READ_MODEL_STORE=postgres and DATABASE_URL; with the embedded store the API runs the projections',
    );
  }
  const databaseUrl = config.databaseUrl;
  const eventStoreUrl = config.eventStoreUrl;
  const startup = new StartupRetry(notice);
  const postgres = { variable: 'DATABASE_URL', kind: 'PostgreSQL', connectionString: databaseUrl };
  let raw: EventStore;
  let heldBack: ProjectorStores['heldBack'];
  if (config.eventStore === 'postgres') {
    const store = await startup.reach(postgres, () =>
      createPostgresEventStore({ connectionString: databaseUrl, applicationName: 'projector' }),
    );
    heldBack = () => store.heldBack();
    raw = store;
  } else if (config.eventStore === 'eventstoredb' && eventStoreUrl !== undefined) {
    raw = await reachEventStoreDb(startup, eventStoreUrl);
  } else {
    throw new ProjectorConfigurationError(
      'The projector process needs EVENT_STORE=postgres (DATABASE_URL) or eventstoredb (EVENTSTORE_URL)',
    );
  }
  try {
    const readModels = await startup.reach(postgres, () =>
      createPostgresReadModels({
        connectionString: databaseUrl,
        applicationName: 'projector-read-models',
      }),
    );
    return {
      eventStore: withUpcasting(raw, defaultUpcasterRegistry()),
      rawEventStore: raw,
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
