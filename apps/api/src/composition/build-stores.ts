import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from 'pg';
import { SequentialEventWriter, SqlEventWriter } from '@app/application';
import {
  createEmbeddedEventStore,
  createEventStoreDbEventStore,
  createPostgresEventStore,
  defaultUpcasterRegistry,
  type EventStore,
  PgDatabase,
  PgliteDatabase,
  type SqlDatabase,
  withUpcasting,
} from '@app/event-store';
import type { AppConfig } from '@app/platform';
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
   * the embedded stores open `embeddedDatabaseDir(config)`.
   */
  readonly pglite?: PgliteDatabase;
}

/** The embedded PGlite folder under DATA_DIR; one per folder and process. */
export function embeddedDatabaseDir(config: AppConfig): string {
  return join(config.dataDir, 'pglite');
}

/** Opens the embedded database once, lazily: the event store, the records and the read models share it. */
function embeddedOpener(config: AppConfig, options: BuildStoresOptions, closers: Closers) {
  let opened: Promise<PgliteDatabase> | undefined;
  return (): Promise<PgliteDatabase> => {
    if (opened) return opened;
    if (options.pglite) {
      opened = Promise.resolve(options.pglite);
      return opened;
    }
    const dir = embeddedDatabaseDir(config);
    // PGlite creates its own folder but not the parents (a fresh DATA_DIR).
    opened = mkdir(dir, { recursive: true })
      .then(() => PgliteDatabase.open(dir))
      .then((db) => {
        closers.add(() => db.close());
        return db;
      });
    return opened;
  };
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
 */
export async function buildStores(
  config: AppConfig,
  options: BuildStoresOptions = {},
): Promise<Stores> {
  const closers = new Closers();
  const schemas = options.schemas ?? {};
  const embedded = embeddedOpener(config, options, closers);
  try {
    let raw: EventStore;
    let writer: Stores['writer'];
    let idempotencyDatabase: SqlDatabase;
    let heldBack: Stores['heldBack'];
    if (config.eventStore === 'eventstoredb') {
      raw = createEventStoreDbEventStore({
        connectionString: required(config.eventStoreUrl, 'EVENTSTORE_URL'),
      });
      closers.add(() => raw.close());
      if (config.relationalDatabase === 'postgres') {
        const pool = new Pool({ connectionString: required(config.databaseUrl, 'DATABASE_URL') });
        const database = new PgDatabase(pool, true);
        closers.add(() => database.close());
        idempotencyDatabase = database;
      } else {
        idempotencyDatabase = await embedded();
      }
      writer = new SequentialEventWriter(raw, idempotencyDatabase);
    } else if (config.eventStore === 'postgres') {
      const store = await createPostgresEventStore({
        connectionString: required(config.databaseUrl, 'DATABASE_URL'),
        schema: schemas.eventStore,
        applicationName: 'api',
      });
      closers.add(() => store.close());
      raw = store;
      heldBack = () => store.heldBack();
      idempotencyDatabase = store.database;
      writer = new SqlEventWriter(store);
    } else {
      const database = await embedded();
      const store = await createEmbeddedEventStore({ database, schema: schemas.eventStore });
      closers.add(() => store.close());
      raw = store;
      idempotencyDatabase = database;
      writer = new SqlEventWriter(store);
    }
    const readModels: ReadModels =
      config.readModelStore === 'postgres'
        ? await createPostgresReadModels({
            connectionString: required(config.databaseUrl, 'DATABASE_URL'),
            schema: schemas.readModels,
            applicationName: 'api-read-models',
          })
        : await createEmbeddedReadModels({
            database: await embedded(),
            schema: schemas.readModels,
          });
    closers.add(() => readModels.close());
    return {
      eventStore: withUpcasting(raw, defaultUpcasterRegistry()),
      writer,
      idempotencyDatabase,
      readModels,
      heldBack,
      close: () => closers.closeAll(),
    };
  } catch (error) {
    await closers.closeAll().catch(() => undefined);
    throw error;
  }
}
