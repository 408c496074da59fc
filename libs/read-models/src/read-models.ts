import {
  createPgExecutor,
  createPgliteExecutor,
  InProcessLeaseProvider,
  PgAdvisoryLeaseProvider,
  type LeaseProvider,
  type SchemaDatabase,
} from '@app/consumers';
import type { EventStore, Position } from '@app/event-store';
import type { PgliteDatabase } from '@app/event-store/embedded';
import type {
  CalendarAnswer,
  CalendarQuery,
  DeletionRecord,
  DeletionsAnswer,
  DeletionsQuery,
  ReadSide,
  ReportAnswer,
  ReportQuery,
} from '@app/application/ports';
import { calendarOf, calendarProjection } from './calendar';
import { deletedSessionsAmong, deletionProjection, findDeletion, listDeletions } from './deletion';
import { rebuildProjection, type RebuildOptions, type RebuildResult } from './rebuild';
import { cancellationReport, reportingProjection } from './reporting';
import {
  Projector,
  ensureProjection,
  waitForPosition,
  type ProjectionDefinition,
  type ProjectorSettings,
} from './runner';
import { migrateReadModels } from './store';

/** Every read model's projection, deletions first (the others consult its table). */
export const READ_MODEL_PROJECTIONS: readonly ProjectionDefinition[] = [
  deletionProjection,
  calendarProjection,
  reportingProjection,
];

export interface CalendarStore {
  calendarOf(query: CalendarQuery): Promise<CalendarAnswer>;
}

export interface ReportingStore {
  cancellationReport(query: ReportQuery): Promise<ReportAnswer>;
}

export interface DeletionStore {
  list(query: DeletionsQuery): Promise<DeletionsAnswer>;
  find(sessionId: string): Promise<DeletionRecord | undefined>;
}

/**
 * The read side over one database: the stores queries use (the application's ReadSide port), and
 * what the projector and the operator's rebuild need. The PostgreSQL and embedded variants differ
 * only in their executor and lease provider; all SQL is shared.
 */
export interface ReadModels extends ReadSide {
  readonly executor: SchemaDatabase;
  readonly leases: LeaseProvider;
  readonly projections: readonly ProjectionDefinition[];
  readonly calendar: CalendarStore;
  readonly reporting: ReportingStore;
  readonly deletions: DeletionStore;
  createProjector(eventStore: EventStore, settings?: ProjectorSettings): Projector;
  rebuild(
    eventStore: EventStore,
    projection: string,
    options?: RebuildOptions,
  ): Promise<RebuildResult>;
  /** Read-your-writes: resolves once the projections applied `position`, else ReadModelNotFreshError. */
  waitForPosition(
    projections: string | readonly string[],
    position: Position,
    timeoutMs: number,
  ): Promise<Position>;
  close(): Promise<void>;
}

async function assemble(executor: SchemaDatabase, leases: LeaseProvider): Promise<ReadModels> {
  await migrateReadModels(executor);
  // Queries answer from the first moment, empty, even before a projector has run.
  for (const definition of READ_MODEL_PROJECTIONS) await ensureProjection(executor, definition);
  return {
    executor,
    leases,
    projections: READ_MODEL_PROJECTIONS,
    calendar: { calendarOf: (query) => calendarOf(executor, query) },
    reporting: { cancellationReport: (query) => cancellationReport(executor, query) },
    deletions: {
      list: (query) => listDeletions(executor, query),
      find: (sessionId) => findDeletion(executor, sessionId),
    },
    createProjector: (eventStore, settings = {}) =>
      new Projector({
        ...settings,
        executor,
        eventStore,
        leases,
        projections: READ_MODEL_PROJECTIONS,
        deletedSessions: deletedSessionsAmong,
      }),
    rebuild: (eventStore, projection, options) =>
      rebuildProjection(
        {
          executor,
          eventStore,
          leases,
          projections: READ_MODEL_PROJECTIONS,
          deletedSessions: deletedSessionsAmong,
        },
        projection,
        options,
      ),
    waitForPosition: (projections, position, timeoutMs) =>
      waitForPosition(executor, projections, position, timeoutMs),
    close: () => executor.close(),
  };
}

export interface PostgresReadModelsOptions {
  readonly connectionString: string;
  /** Schema of the read side's tables (default `read_models`); tests use one per file. */
  readonly schema?: string;
  readonly poolSize?: number;
  readonly applicationName?: string;
}

/** PostgreSQL (production): pooled connections, advisory-lock leases between replicas. */
export function createPostgresReadModels(options: PostgresReadModelsOptions): Promise<ReadModels> {
  const schema = options.schema ?? 'read_models';
  const executor = createPgExecutor({ ...options, schema });
  const leases = new PgAdvisoryLeaseProvider({
    connectionString: options.connectionString,
    scope: schema,
    applicationName: `${options.applicationName ?? 'read-models'}-lease:${schema}`,
  });
  return assemble(executor, leases).catch(async (error: unknown) => {
    await executor.close();
    throw error;
  });
}

export interface EmbeddedReadModelsOptions {
  /** Share the embedded event store's PGlite (one per data folder and process). */
  readonly database?: PgliteDatabase;
  /** Without a database: a folder to keep data in; absent: in memory. */
  readonly dataDir?: string;
  readonly schema?: string;
}

/** Embedded (PGlite): one process owns the database, so leases are held in memory. */
export async function createEmbeddedReadModels(
  options: EmbeddedReadModelsOptions = {},
): Promise<ReadModels> {
  const executor = await createPgliteExecutor({
    ...options,
    schema: options.schema ?? 'read_models',
  });
  return assemble(executor, new InProcessLeaseProvider()).catch(async (error: unknown) => {
    await executor.close();
    throw error;
  });
}
