export type { SqlDatabase, SqlExecutor, SqlRow } from './sql-executor';
export {
  SqlEventStore,
  DEFAULT_SUBSCRIPTION_SETTINGS,
  type SqlEventStoreOptions,
  type SqlEventStoreTransaction,
} from './sql-event-store';
export type { SubscriptionSettings } from './subscription';
export { applyMigrations, type Migration, type MigrationLedger } from './apply-migrations';
export { migrateEventStore, MIGRATIONS } from './migrations';
export { advisoryKey } from './advisory-key';
export { encodePosition, decodePosition, type SqlLogPosition } from './position-codec';
export { isConnectionFailure, translateDriverError } from './store-errors';
export { assertSchemaName, notificationChannel, quoteIdentifier } from './identifiers';
export { Mutex } from './mutex';
