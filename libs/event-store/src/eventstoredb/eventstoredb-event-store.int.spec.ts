import { describeWithService } from '@test/support/requires-service';
import { describeEventStoreConformance } from '../testing/conformance';
import { eventStoreDbHarness } from './testing/eventstoredb-harness';

// Runs wherever EVENTSTORE_URL is set or a container runtime answers; elsewhere it skips loudly.
describeWithService('eventstoredb', 'EventStoreDB adapter', (url) => {
  describeEventStoreConformance(eventStoreDbHarness(url));
});
