import { describeEventStoreConformance } from '../testing/conformance';
import type { EventStoreHarness } from '../testing/conformance-harness';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeEsdbServer } from './testing/fake-esdb-server';
import { storeOnFakeServer } from './testing/fake-store';

/**
 * The shared suite on the adapter over the in-memory fake server: it checks the adapter's own
 * logic (mapping, paging, resubscription, idempotent results) against the port, while the int spec
 * checks the same against a live server. What it cannot show is the real server's behaviour.
 */
const server = new FakeEsdbServer();
const harness: EventStoreHarness = {
  adapterName: 'eventstoredb on an in-memory fake server',
  create: () =>
    Promise.resolve(storeOnFakeServer({ connect: () => server.client(), readPageSize: 7 }).store),
  destroy: (store) => store.close(),
  holdOpenAppend: 'EventStoreDB has no client transactions',
  dropConnections: async (store) => {
    if (store instanceof EventStoreDbEventStore) await store.reconnect();
  },
};

describeEventStoreConformance(harness);
