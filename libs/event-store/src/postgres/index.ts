export {
  createPostgresEventStore,
  PostgresEventStore,
  DEFAULT_EVENT_STORE_SCHEMA,
  type PostgresEventStoreOptions,
} from './postgres-event-store';
export { createPgPool, type PgPoolOptions } from './create-pg-pool';
export { PgDatabase } from './pg-database';
export { HeldBackMonitor, type HeldBackTransaction } from './held-back-monitor';
