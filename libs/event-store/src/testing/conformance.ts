import type { EventStore } from '../port';
import { appendCases } from './conformance-appends';
import type { ConformanceContext } from './conformance-context';
import { deleteCases } from './conformance-delete';
import type { EventStoreHarness } from './conformance-harness';
import { orderingCases } from './conformance-ordering';
import { readCases } from './conformance-reads';
import { subscriptionCases } from './conformance-subscriptions';
import { upcastingCases } from './conformance-upcasting';

/**
 * The one suite every EventStore adapter passes. It never assumes an empty store: fresh stream
 * ids everywhere, $all read after a head position it captured, keeping only its own streams.
 * Call it inside the adapter's int spec (inside describeWithService when a server is needed).
 */
export function describeEventStoreConformance(harness: EventStoreHarness): void {
  describe(`EventStore conformance: ${harness.adapterName}`, () => {
    jest.setTimeout(60_000);
    let store: EventStore | undefined;
    const context: ConformanceContext = {
      harness,
      store: () => {
        if (!store) throw new Error('The conformance store was not created');
        return store;
      },
    };

    beforeAll(async () => {
      store = await harness.create();
    });
    afterAll(async () => {
      if (store) await harness.destroy(store);
    });

    describe('append', () => appendCases(context));
    describe('read', () => readCases(context));
    describe('subscribe', () => subscriptionCases(context));
    describe('ordering', () => orderingCases(context));
    describe('delete', () => deleteCases(context));
    describe('upcasting', () => upcastingCases(context));
  });
}
