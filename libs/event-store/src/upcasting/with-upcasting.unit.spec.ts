import type { EventStore, JsonObject, RecordedEvent, StreamContents } from '../port';
import { defaultUpcasterRegistry } from './default-upcasters';
import { withUpcasting } from './with-upcasting';

const recorded = (
  streamVersion: number,
  schemaVersion: number,
  data: JsonObject,
): RecordedEvent => ({
  eventId: `e${streamVersion}`,
  type: 'ClientCharged',
  streamId: 'session-1',
  streamVersion,
  position: String(streamVersion + 1),
  schemaVersion,
  storedSchemaVersion: schemaVersion,
  data,
  metadata: {
    occurredAt: 't',
    actor: { userId: 'u', role: 'professional' },
    correlationId: 'c',
    causationId: 'c',
  },
  recordedAt: 't',
});

const stored: RecordedEvent[] = [
  recorded(0, 1, { amount: '120.00', currency: 'EUR', method: 'card' }),
  recorded(1, 1, { amount: '120.00', currency: 'JPY', method: 'card' }),
  recorded(2, 2, { method: 'invoice', amountMinor: 500, currency: 'EUR' }),
];

function fakeStore(): EventStore & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    append: (streamId) => {
      calls.push(`append ${streamId}`);
      return Promise.resolve({ version: 0, position: '1' });
    },
    readStream: () => Promise.resolve(stored.map((e) => structuredClone(e))),
    readStreams: (ids) =>
      Promise.resolve(
        ids.map((id): StreamContents =>
          id === 'session-1'
            ? { kind: 'events', events: stored.map((e) => structuredClone(e)), version: 2 }
            : { kind: id === 'gone' ? 'deleted' : 'absent' },
        ),
      ),
    readAll: () => Promise.resolve(stored.map((e) => structuredClone(e))),
    subscribe: async function* () {
      try {
        for (const event of stored) yield await Promise.resolve(structuredClone(event));
      } finally {
        calls.push('subscription ended');
      }
    },
    headPosition: () => Promise.resolve('3'),
    deleteStream: (streamId) => {
      calls.push(`delete ${streamId}`);
      return Promise.resolve();
    },
    close: () => {
      calls.push('close');
      return Promise.resolve();
    },
  };
}

function expectUpcast(events: RecordedEvent[]): void {
  expect(
    events.map((e) => [e.schemaVersion, e.storedSchemaVersion, e.data, e.upcastError?.code]),
  ).toEqual([
    [2, 1, { method: 'card', amountMinor: 12000, currency: 'EUR' }, undefined],
    [1, 1, { amount: '120.00', currency: 'JPY', method: 'card' }, 'too-many-decimals'],
    [2, 2, { method: 'invoice', amountMinor: 500, currency: 'EUR' }, undefined],
  ]);
}

describe('withUpcasting', () => {
  it('upcasts readStream results', async () => {
    expectUpcast(
      await withUpcasting(fakeStore(), defaultUpcasterRegistry()).readStream('session-1'),
    );
  });

  it('upcasts readStreams results and passes absent and deleted streams through', async () => {
    const [found, absent, deleted] = await withUpcasting(
      fakeStore(),
      defaultUpcasterRegistry(),
    ).readStreams(['session-1', 'none', 'gone']);
    expectUpcast(found?.kind === 'events' ? [...found.events] : []);
    expect(found).toMatchObject({ version: 2 });
    expect([absent, deleted]).toEqual([{ kind: 'absent' }, { kind: 'deleted' }]);
  });

  it('upcasts readAll results', async () => {
    expectUpcast(
      await withUpcasting(fakeStore(), defaultUpcasterRegistry()).readAll({ maxCount: 10 }),
    );
  });

  it('upcasts subscription events and ends the source when the consumer stops', async () => {
    const inner = fakeStore();
    const store = withUpcasting(inner, defaultUpcasterRegistry());
    const seen: RecordedEvent[] = [];
    for await (const event of store.subscribe()) {
      seen.push(event);
      if (seen.length === 3) break;
    }
    expectUpcast(seen);
    expect(inner.calls).toContain('subscription ended');
  });

  it('passes writes, head, delete and close through', async () => {
    const inner = fakeStore();
    const store = withUpcasting(inner, defaultUpcasterRegistry());
    await store.append('s', [], 'any');
    await store.deleteStream('s');
    expect(await store.headPosition()).toBe('3');
    await store.close();
    expect(inner.calls).toEqual(['append s', 'delete s', 'close']);
  });
});
