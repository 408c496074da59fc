import type { EventStoreHarness } from '../../testing/conformance-harness';
import { createEventStoreDbEventStore, EventStoreDbEventStore } from '../eventstoredb-event-store';

/** How the shared conformance suite drives this adapter against a live server at `url`. */
export function eventStoreDbHarness(url: string): EventStoreHarness {
  return {
    adapterName: 'eventstoredb',
    create: () => Promise.resolve(createEventStoreDbEventStore({ connectionString: url })),
    destroy: (store) => store.close(),
    holdOpenAppend:
      'EventStoreDB has no client transactions: an append is committed or refused as one request, so no append can be held open',
    dropConnections: async (store) => {
      if (!(store instanceof EventStoreDbEventStore)) throw new Error('not an EventStoreDB store');
      // Disposing the client cancels its gRPC streams; the subscriptions resume on a new client.
      await store.reconnect();
    },
  };
}
