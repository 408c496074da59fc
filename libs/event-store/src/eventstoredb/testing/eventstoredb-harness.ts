import type { EventStoreHarness } from '../../testing/conformance-harness';
import { createEventStoreDbEventStore } from '../eventstoredb-event-store';

/** How the shared conformance suite drives this adapter against a live server at `url`. */
export function eventStoreDbHarness(url: string): EventStoreHarness {
  return {
    adapterName: 'eventstoredb',
    create: () => Promise.resolve(createEventStoreDbEventStore({ connectionString: url })),
    destroy: (store) => store.close(),
    holdOpenAppend:
      'EventStoreDB has no client transactions: an append is committed or refused as one request, so no append can be held open',
    dropConnections:
      'a live server cannot be restarted from the suite; the live-server suite and the wire-level test server cover resubscription',
  };
}
