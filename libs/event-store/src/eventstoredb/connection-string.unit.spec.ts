import { freshStreamId, newEvents } from '../testing/conformance-fixtures';
import { toEsdbConnectionString } from './client';
import { createEventStoreDbEventStore } from './eventstoredb-event-store';
import { WireLevelServer } from './testing/wire-server/wire-level-server';

describe('connection string', () => {
  it.each([
    ['esdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    ['kurrentdb://localhost:32768?tls=false', 'esdb://localhost:32768?tls=false'],
    ['kurrentdb+discover://a:2113,b:2113', 'esdb+discover://a:2113,b:2113'],
    ['kurrent://a:2113', 'esdb://a:2113'],
    ['esdb+discover://cluster.local:2113', 'esdb+discover://cluster.local:2113'],
  ])('%s -> %s', (input, output) => {
    expect(toEsdbConnectionString(input)).toBe(output);
  });

  it.each(['kurrentdb:', 'esdb+discover:', 'kurrentdb+discover:'])(
    'a %s// URL reaches the server through the real client (discovery through gossip)',
    async (scheme) => {
      const server = await WireLevelServer.start();
      const store = createEventStoreDbEventStore({
        connectionString: server.url.replace(/^esdb:/, scheme),
      });
      try {
        await expect(
          store.append(freshStreamId(), newEvents(1), 'no-stream'),
        ).resolves.toMatchObject({ version: 0 });
      } finally {
        await store.close();
        await server.stop();
      }
    },
  );
});
