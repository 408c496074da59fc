export type { EventStoreHarness, HeldOpenAppend } from './conformance-harness';
export { describeEventStoreConformance } from './conformance';
export {
  Collector,
  eventually,
  freshStreamId,
  newEvent,
  newEvents,
  readAllOf,
  readAllUntil,
  retryUnavailable,
} from './conformance-fixtures';
export { sqlHoldOpenAppend } from './sql-hold-open-append';
export { postgresHarness, dropSchema } from './postgres-harness';
export { embeddedHarness } from './embedded-harness';
export { describeSqlStoreCases } from './sql-store-cases';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './in-memory-event-store';
export { storeOnWireServer, type WireStore } from '../eventstoredb/testing/wire-store';
