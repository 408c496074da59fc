import { createEmbeddedEventStore } from '../embedded';
import type { EventStoreHarness } from './conformance-harness';

/** The embedded adapter (PGlite in memory) in the conformance suite. */
export function embeddedHarness(): EventStoreHarness {
  return {
    adapterName: 'embedded (PGlite in memory)',
    create: () => createEmbeddedEventStore({ subscription: { retryDelayMs: 50 } }),
    destroy: (store) => store.close(),
    holdOpenAppend:
      'PGlite is one connection whose transactions run one at a time: two transactions ' +
      'cannot be held open at once, so commits cannot land out of order',
    dropConnections: 'PGlite runs inside this process: there is no connection to drop',
  };
}
