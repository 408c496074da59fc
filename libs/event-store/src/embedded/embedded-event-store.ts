import {
  assertSchemaName,
  migrateEventStore,
  SqlEventStore,
  type SubscriptionSettings,
} from '../sql';
import { PgliteDatabase } from './pglite-database';
import type { AppLogger } from '../logging';

export const DEFAULT_EMBEDDED_SCHEMA = 'event_store';

export interface EmbeddedEventStoreOptions {
  /** Folder holding the data; absent: in memory (tests). Ignored when `database` is given. */
  readonly dataDir?: string;
  /** A PGlite database shared with other stores of this process; the store will not close it. */
  readonly database?: PgliteDatabase;
  readonly schema?: string;
  readonly subscription?: Partial<SubscriptionSettings>;
  readonly logger?: AppLogger;
}

/**
 * Opens the embedded event store: the PostgreSQL adapter's schema and SQL on PGlite. Appends of
 * this process wake its subscribers directly (no LISTEN: there is no other connection), and the
 * poll interval covers everything else.
 */
export async function createEmbeddedEventStore(
  options: EmbeddedEventStoreOptions = {},
): Promise<SqlEventStore> {
  const schema = assertSchemaName(options.schema ?? DEFAULT_EMBEDDED_SCHEMA);
  const database = options.database ?? (await PgliteDatabase.open(options.dataDir));
  const owns = options.database === undefined;
  try {
    await migrateEventStore(database, schema);
  } catch (error) {
    if (owns) await database.close();
    throw error;
  }
  return new SqlEventStore({
    db: database,
    schema,
    ownsDatabase: owns,
    subscription: options.subscription,
    logger: options.logger,
  });
}
