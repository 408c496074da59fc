import {
  createEventStoreDbEventStore,
  type EventStoreDbEventStore,
  type EventStoreDbOptions,
} from '../eventstoredb-event-store';
import { WireLevelServer, type WireLevelServerOptions } from './wire-server/wire-level-server';

/** Test support: a fresh wire-level test server and the adapter on it, waiting for nothing between retries. */
export interface WireStore {
  readonly server: WireLevelServer;
  readonly store: EventStoreDbEventStore;
  /** Another store on the same server (closed by `stop`). */
  another(options?: Partial<EventStoreDbOptions>): EventStoreDbEventStore;
  /** Closes every store, then the server. */
  stop(): Promise<void>;
}

export async function storeOnWireServer(
  storeOptions: Partial<EventStoreDbOptions> = {},
  serverOptions: WireLevelServerOptions = {},
): Promise<WireStore> {
  const server = await WireLevelServer.start(serverOptions);
  const stores: EventStoreDbEventStore[] = [];
  const another = (options: Partial<EventStoreDbOptions> = {}): EventStoreDbEventStore => {
    const store = createEventStoreDbEventStore({
      connectionString: server.url,
      sleep: () => Promise.resolve(),
      ...storeOptions,
      ...options,
    });
    stores.push(store);
    return store;
  };
  const store = another();
  return {
    server,
    store,
    another,
    stop: async () => {
      await Promise.all(stores.map((each) => each.close()));
      await server.stop();
    },
  };
}
