import type { EventStore } from '@app/event-store';
import type { StartupRetry } from './startup-retry';

/**
 * The EventStoreDB store, once its server answered: the client connects lazily, so a read
 * proves it (tried again while unreachable, as StartupRetry says).
 */
export function reachEventStoreDb(
  startup: StartupRetry,
  connectionString: string,
): Promise<EventStore> {
  return startup.reach(
    { variable: 'EVENTSTORE_URL', kind: 'EventStoreDB', connectionString },
    async () => {
      // Loaded only when configured: the gRPC client is the slowest module of a start.
      const { createEventStoreDbEventStore } = await import('@app/event-store/eventstoredb');
      const store = createEventStoreDbEventStore({ connectionString });
      try {
        await store.headPosition();
        return store;
      } catch (error) {
        await store.close().catch(() => undefined);
        throw error;
      }
    },
  );
}
