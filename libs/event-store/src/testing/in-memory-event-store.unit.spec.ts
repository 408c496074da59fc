import { describeEventStoreConformance } from './conformance';
import { InMemoryEventStore } from './in-memory-event-store';

/**
 * The read-model and consumer suites drive projections from this double (it can keep a deleted stream's
 * events in $all, as EventStoreDB does before a scavenge, which the SQL stores cannot): it must
 * answer like every real adapter, so it passes the same conformance suite.
 */
describeEventStoreConformance({
  adapterName: 'in-memory test double (read-model suites)',
  create: () => Promise.resolve(new InMemoryEventStore({ keepDeletedInAll: false })),
  destroy: (store) => store.close(),
  holdOpenAppend: 'the in-memory double has no transactions: every append commits at once',
  dropConnections: 'the in-memory double has no connection to drop',
});
