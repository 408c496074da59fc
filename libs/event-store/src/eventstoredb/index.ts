export {
  createEventStoreDbEventStore,
  EventStoreDbEventStore,
  type EventStoreDbOptions,
} from './eventstoredb-event-store';
export { connectEsdbClient, type EsdbClient, type EsdbSubscription } from './client';
export type { AppendRetryPolicy } from './append-with-retry';
export type { ResubscribePolicy } from './subscription';
// Positions stay inside the adapter (port/types.ts: nobody parses their parts elsewhere).
