import fc from 'fast-check';
import { AccessDeniedError, CancelledError, START, UnavailableError } from '@eventstore/db-client';
import { StoreUnavailableError, type RecordedEvent } from '../port';
import { newEvents, storeOnFakeServer } from './testing/fake-store';
import { decodePosition } from './positions';

async function collect(
  iterable: AsyncIterable<RecordedEvent>,
  count: number,
): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  if (count === 0) return seen;
  for await (const event of iterable) {
    seen.push(event);
    if (seen.length === count) break;
  }
  return seen;
}

const ids = (events: readonly { eventId: string }[]): string[] => events.map((e) => e.eventId);

describe('EventStoreDB adapter: subscribe', () => {
  it('catches up from the start, then follows live, without system events', async () => {
    const { server, store } = storeOnFakeServer();
    await store.append('s-1', newEvents(2), 'no-stream');
    server.write('$$s-1', '$metadata', {});
    const live = collect(store.subscribe(), 4);
    await new Promise((resolve) => setImmediate(resolve));
    await store.append('s-2', newEvents(2), 'no-stream');
    const seen = await live;
    expect(seen.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual([
      's-1@0',
      's-1@1',
      's-2@0',
      's-2@1',
    ]);
    expect(server.subscribeCalls[0]).toMatchObject({ fromPosition: START, hasFilter: true });
  });

  it('starts strictly after the checkpoint it is given', async () => {
    const { server, store } = storeOnFakeServer();
    await store.append('s-1', newEvents(4), 'no-stream');
    const all = await store.readAll({ maxCount: 10 });
    const seen = await collect(store.subscribe({ after: all[1].position }), 2);
    expect(ids(seen)).toEqual(ids(all.slice(2)));
    expect(server.subscribeCalls[0].fromPosition).toEqual(decodePosition(all[1].position));
  });

  it('after an error mid-stream, resubscribes from the last delivered position: no repeat, no skip', async () => {
    const { server, store } = storeOnFakeServer();
    await store.append('s-1', newEvents(6), 'no-stream');
    server.subscriptionScripts.push({ failAfter: 3, error: new UnavailableError() });
    const seen = await collect(store.subscribe(), 6);
    expect(ids(seen)).toEqual(ids(await store.readAll({ maxCount: 10 })));
    expect(server.subscribeCalls).toHaveLength(2);
    expect(server.subscribeCalls[0].unsubscribed).toBe(true);
    expect(server.subscribeCalls[1].fromPosition).toEqual(decodePosition(seen[2].position));
  });

  it('drops events at or before the last delivered position when the server repeats itself', async () => {
    const { server, store } = storeOnFakeServer();
    await store.append('s-1', newEvents(5), 'no-stream');
    server.subscriptionScripts.push(
      { failAfter: 3, error: new CancelledError() },
      { replayFromIndex: 0 },
    );
    const seen = await collect(store.subscribe(), 5);
    expect(ids(seen)).toEqual(ids(await store.readAll({ maxCount: 10 })));
  });

  it('resubscribes when the subscription simply ends', async () => {
    const { server, store } = storeOnFakeServer();
    await store.append('s-1', newEvents(3), 'no-stream');
    server.subscriptionScripts.push({ failAfter: 1 }, { failAfter: 1 });
    const seen = await collect(store.subscribe(), 3);
    expect(seen.map((e) => e.streamVersion)).toEqual([0, 1, 2]);
    expect(server.subscribeCalls).toHaveLength(3);
  });

  it('backs off between failed attempts, and starts over once an event gets through', async () => {
    const delays: number[] = [];
    const { server, store } = storeOnFakeServer({
      resubscribe: { initialDelayMs: 10, maxDelayMs: 30 },
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
    });
    await store.append('s-1', newEvents(2), 'no-stream');
    const fail = { failAfter: 0, error: new UnavailableError() };
    server.subscriptionScripts.push(
      fail,
      fail,
      fail,
      { failAfter: 1, error: new UnavailableError() },
      fail,
    );
    await collect(store.subscribe(), 2);
    expect(delays).toEqual([10, 20, 30, 10, 20]);
  });

  it('gives up with StoreUnavailableError after the configured number of failed attempts', async () => {
    const { server, store } = storeOnFakeServer({ resubscribe: { maxAttempts: 2 } });
    await store.append('s-1', newEvents(1), 'no-stream');
    for (let i = 0; i < 5; i += 1)
      server.subscriptionScripts.push({ failAfter: 0, error: new UnavailableError() });
    await expect(collect(store.subscribe(), 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(server.subscribeCalls).toHaveLength(3);
  });

  it('does not retry a refusal: the iteration fails with the translated error', async () => {
    const { server, store } = storeOnFakeServer();
    await store.append('s-1', newEvents(2), 'no-stream');
    server.subscriptionScripts.push({ failAfter: 1, error: new AccessDeniedError() });
    const seen: RecordedEvent[] = [];
    const run = async (): Promise<void> => {
      for await (const event of store.subscribe()) seen.push(event);
    };
    await expect(run()).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(seen).toHaveLength(1);
    expect(server.subscribeCalls).toHaveLength(1);
  });

  it('ends when its signal aborts, even while waiting for live events', async () => {
    const { server, store } = storeOnFakeServer();
    await store.append('s-1', newEvents(1), 'no-stream');
    const controller = new AbortController();
    const seen: RecordedEvent[] = [];
    const run = (async () => {
      for await (const event of store.subscribe({ signal: controller.signal })) {
        seen.push(event);
      }
    })();
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await run;
    expect(seen).toHaveLength(1);
    expect(server.subscribeCalls[0].unsubscribed).toBe(true);
  });

  it('ends when the store closes', async () => {
    const { server, store } = storeOnFakeServer();
    const run = (async () => {
      for await (const _event of store.subscribe()) {
        /* nothing arrives */
      }
    })();
    await new Promise((resolve) => setImmediate(resolve));
    await store.close();
    await run;
    expect(server.clients[0].disposed).toBe(true);
  });

  it('a consumer that stops early ends the client subscription', async () => {
    const { server, store } = storeOnFakeServer();
    await store.append('s-1', newEvents(3), 'no-stream');
    await collect(store.subscribe(), 1);
    expect(server.subscribeCalls[0].unsubscribed).toBe(true);
  });

  it('after reconnect(), resumes on the new client from the last delivered position', async () => {
    const { server, store } = storeOnFakeServer();
    await store.append('s-1', newEvents(2), 'no-stream');
    const iterator = store.subscribe()[Symbol.asyncIterator]();
    const first = await iterator.next();
    const second = await iterator.next();
    await store.reconnect();
    expect(server.clients[0].disposed).toBe(true);
    await store.append('s-1', newEvents(1), 1);
    const third = await iterator.next();
    await iterator.return?.();
    expect([first, second, third].map((r) => (r.done ? undefined : r.value.streamVersion))).toEqual(
      [0, 1, 2],
    );
    expect(server.subscribeCalls[1].fromPosition).toEqual(
      decodePosition((second.value as RecordedEvent).position),
    );
  });

  it('whatever the failures and repeats, delivers every event exactly once, in order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.array(
          fc.record({
            failAfter: fc.integer({ min: 0, max: 4 }),
            withError: fc.boolean(),
            replayFromIndex: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
          }),
          { maxLength: 6 },
        ),
        async (count, scripts) => {
          const { server, store } = storeOnFakeServer();
          await store.append('s-1', newEvents(count), 'no-stream');
          server.write('$$s-1', '$metadata', {});
          for (const s of scripts) {
            server.subscriptionScripts.push({
              failAfter: s.failAfter,
              ...(s.withError ? { error: new UnavailableError() } : {}),
              ...(s.replayFromIndex !== undefined ? { replayFromIndex: s.replayFromIndex } : {}),
            });
          }
          const seen = await collect(store.subscribe(), count);
          expect(ids(seen)).toEqual(ids(await store.readAll({ maxCount: 100 })));
          await store.close();
        },
      ),
      { numRuns: 200 },
    );
  });
});
