import type { EventStoreHarness } from '../../testing/conformance-harness';
import {
  createEventStoreDbEventStore,
  type EventStoreDbOptions,
} from '../eventstoredb-event-store';
import { WireLevelServer, type WireLevelServerOptions } from './wire-server/wire-level-server';

/**
 * The shared conformance suite's view of the adapter on the wire-level test server: the real
 * client over real gRPC on loopback. The server starts with the first store and stops after the
 * last one closes.
 */
export function wireLevelHarness(
  serverOptions: WireLevelServerOptions = {},
  storeOptions: Partial<EventStoreDbOptions> = {},
): EventStoreHarness & { server(): Promise<WireLevelServer> } {
  let started: Promise<WireLevelServer> | undefined;
  let stores = 0;
  const server = (): Promise<WireLevelServer> => (started ??= WireLevelServer.start(serverOptions));
  return {
    adapterName: 'eventstoredb on the wire-level test server',
    server,
    create: async () => {
      const { url } = await server();
      stores += 1;
      // Small pages, so paging across system events and page boundaries is exercised.
      return createEventStoreDbEventStore({
        connectionString: url,
        readPageSize: 7,
        ...storeOptions,
      });
    },
    destroy: async (store) => {
      await store.close();
      stores -= 1;
      if (stores === 0 && started !== undefined) {
        const running = await started;
        started = undefined;
        await running.stop();
      }
    },
    holdOpenAppend:
      'EventStoreDB has no client transactions: an append is committed or refused as one request, so no append can be held open',
    // A node restart cuts every connection and call; subscriptions must resume on their own.
    dropConnections: async () => (await server()).restart(),
  };
}
