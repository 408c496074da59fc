import type { EventStore } from '../port';
import type { EventStoreHarness } from './conformance-harness';

/** What each group of conformance cases gets: the harness and the store of this test file. */
export interface ConformanceContext {
  readonly harness: EventStoreHarness;
  /** The store created in beforeAll; only call it inside a test or hook. */
  store(): EventStore;
}
