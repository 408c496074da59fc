import type { NewEvent } from '../../port';
import {
  createEventStoreDbEventStore,
  type EventStoreDbEventStore,
  type EventStoreDbOptions,
} from '../eventstoredb-event-store';
import { FakeEsdbServer } from './fake-esdb-server';

/** Test support: the adapter on a FakeEsdbServer, waiting for nothing between retries. */
export function storeOnFakeServer(options: Partial<EventStoreDbOptions> = {}): {
  server: FakeEsdbServer;
  store: EventStoreDbEventStore;
} {
  const server = new FakeEsdbServer();
  const store = createEventStoreDbEventStore({
    connectionString: 'esdb://fake:2113?tls=false',
    connect: () => server.client(),
    sleep: () => Promise.resolve(),
    ...options,
  });
  return { server, store };
}

let counter = 0;

export function newEvents(count: number, type = 'SessionScheduled'): NewEvent[] {
  return Array.from({ length: count }, () => {
    counter += 1;
    return {
      eventId: `11111111-2222-4333-8444-${String(counter).padStart(12, '0')}`,
      type,
      schemaVersion: 1,
      data: { n: counter },
      metadata: {
        occurredAt: '2026-01-01T00:00:00.000Z',
        actor: { userId: 'pro-1', role: 'professional' },
        correlationId: 'corr',
        causationId: 'cause',
      },
    };
  });
}
