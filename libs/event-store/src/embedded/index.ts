export {
  createEmbeddedEventStore,
  DEFAULT_EMBEDDED_SCHEMA,
  type EmbeddedEventStoreOptions,
} from './embedded-event-store';
export { PgliteDatabase } from './pglite-database';
