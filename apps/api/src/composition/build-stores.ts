import { SequentialEventWriter, SqlEventWriter } from '@app/application';
import type { EventStore } from '@app/event-store';
import {
  createEmbeddedEventStore,
  DataDirHeldError,
  type DataDirLock,
  openEmbeddedFolder,
  type PgliteDatabase,
} from '@app/event-store/embedded';
import { createPgPool, createPostgresEventStore, PgDatabase } from '@app/event-store/postgres';
import type { SqlDatabase } from '@app/event-store/sql';
import { defaultUpcasterRegistry, withUpcasting } from '@app/event-store/upcasting';
import { type AppConfig, reachEventStoreDb, StartupError, StartupRetry } from '@app/platform';
import {
  createEmbeddedReadModels,
  createPostgresReadModels,
  type ReadModels,
} from '@app/read-models';
import { Closers } from './closers';
import type { StoreSchemas, Stores } from './stores';

export interface BuildStoresOptions {
  readonly schemas?: StoreSchemas;
  /**
   * An embedded database already open (tests share one in-memory PGlite per file). Without it
   * the embedded stores open DATA_DIR, taking its lock first.
   */
  readonly pglite?: PgliteDatabase;
  /** Start-up notices ("waiting for DATABASE_URL ..."); default: none. */
  readonly notice?: (line: string) => void;
}

interface EmbeddedOpened {
  readonly database: PgliteDatabase;
  readonly lock?: DataDirLock;
}

/**
 * Opens the embedded database once, lazily: the event store, the records and the read models
 * share it. DATA_DIR belongs to one process: a held folder fails the start, naming its holder.
 */
function embeddedOpener(config: AppConfig, options: BuildStoresOptions, closers: Closers) {
  let opened: Promise<EmbeddedOpened> | undefined;
  return (): Promise<EmbeddedOpened> => {
    if (opened) return opened;
    if (options.pglite) {
      opened = Promise.resolve({ database: options.pglite });
      return opened;
    }
    opened = openEmbeddedFolder(config.dataDir, { app: 'api' }).then(
      (folder) => {
        closers.add(() => folder.close());
        return folder;
      },
      (error: unknown) => {
        if (error instanceof DataDirHeldError) throw new StartupError('DATA_DIR', error.message);
        throw error;
      },
    );
    return opened;
  };
}

/**
 * The hash chain is always on; only the cost benchmark turns it off (BENCH_AUDIT_CHAIN=off, read
 * by `npm run bench -- api`), to measure what it costs.
 */
function chainAtAppend(): boolean {
  return process.env.BENCH_AUDIT_CHAIN !== 'off';
}

function required(value: string | undefined, name: string): string {
  if (value === undefined) throw new Error(`${name} is required by this configuration`);
  return value;
}

/**
 * Builds the stores from the configuration (EVENT_STORE, READ_MODEL_STORE, DATABASE_URL,
 * EVENTSTORE_URL, DATA_DIR):
 * - embedded (default): ONE PGlite database for the event store, the idempotency records and the
 *   read models (PGlite is one connection in one process);
 * - postgres: the event store's pool also holds the idempotency records, so a command's events
 *   and its record commit in one transaction;
 * - eventstoredb: the records live in the relational database (PostgreSQL when DATABASE_URL is
 *   set, else embedded), written after the events (SequentialEventWriter documents the window).
 * A database or store that cannot be reached yet is tried again for up to 10 s (StartupRetry),
 * then the start fails with a StartupError naming its variable.
 */
export async function buildStores(
  config: AppConfig,
  options: BuildStoresOptions = {},
): Promise<Stores> {
  const closers = new Closers();
  const schemas = options.schemas ?? {};
  const opener = embeddedOpener(config, options, closers);
  let dataDirLock: DataDirLock | undefined;
  const embedded = async (): Promise<PgliteDatabase> => {
    const opened = await opener();
    dataDirLock = opened.lock;
    return opened.database;
  };
  const startup = new StartupRetry(options.notice);
  const databaseUrl = (): string => required(config.databaseUrl, 'DATABASE_URL');
  const postgres = { variable: 'DATABASE_URL', kind: 'PostgreSQL' };
  try {
    let raw: EventStore;
    let writerWith: Stores['writerWith'];
    let idempotencyDatabase: SqlDatabase;
    let heldBack: Stores['heldBack'];
    if (config.eventStore === 'eventstoredb') {
      raw = await reachEventStoreDb(startup, required(config.eventStoreUrl, 'EVENTSTORE_URL'));
      closers.add(() => raw.close());
      if (config.relationalDatabase === 'postgres') {
        const database = new PgDatabase(
          createPgPool({
            connectionString: databaseUrl(),
            application_name: 'api-idempotency',
            // The statement on it fails (503); the pool opens another for the next.
            onConnectionError: () => undefined,
          }),
          true,
        );
        closers.add(() => database.close());
        await startup.reach({ ...postgres, connectionString: databaseUrl() }, () =>
          database.query('SELECT 1'),
        );
        idempotencyDatabase = database;
      } else {
        idempotencyDatabase = await embedded();
      }
      const relational = idempotencyDatabase;
      writerWith = (records, clock) =>
        new SequentialEventWriter(raw, relational, records, clock, chainAtAppend());
    } else if (config.eventStore === 'postgres') {
      const store = await startup.reach({ ...postgres, connectionString: databaseUrl() }, () =>
        createPostgresEventStore({
          connectionString: databaseUrl(),
          schema: schemas.eventStore,
          applicationName: 'api',
        }),
      );
      closers.add(() => store.close());
      raw = store;
      heldBack = () => store.heldBack();
      idempotencyDatabase = store.database;
      writerWith = (records, clock) => new SqlEventWriter(store, records, clock, chainAtAppend());
    } else {
      const database = await embedded();
      const store = await createEmbeddedEventStore({ database, schema: schemas.eventStore });
      closers.add(() => store.close());
      raw = store;
      idempotencyDatabase = database;
      writerWith = (records, clock) => new SqlEventWriter(store, records, clock, chainAtAppend());
    }
    const readModels: ReadModels =
      config.readModelStore === 'postgres'
        ? await startup.reach({ ...postgres, connectionString: databaseUrl() }, () =>
            createPostgresReadModels({
              connectionString: databaseUrl(),
              schema: schemas.readModels,
              applicationName: 'api-read-models',
            }),
          )
        : await createEmbeddedReadModels({
            database: await embedded(),
            schema: schemas.readModels,
          });
    closers.add(() => readModels.close());
    return {
      eventStore: withUpcasting(raw, defaultUpcasterRegistry()),
      rawEventStore: raw,
      writerWith,
      idempotencyDatabase,
      readModels,
      ...(dataDirLock === undefined ? {} : { dataDirLock }),
      heldBack,
      close: () => closers.closeAll(),
    };
  } catch (error) {
    await closers.closeAll().catch(() => undefined);
    throw error;
  }
}
