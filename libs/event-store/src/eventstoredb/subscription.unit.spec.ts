import { status } from '@grpc/grpc-js';
import fc from 'fast-check';
import { StoreRefusedError, StoreUnavailableError, type RecordedEvent } from '../port';
import { silentLogger } from '../logging';
import { freshStreamId, newEvents } from '../testing/conformance-fixtures';
import { rpc } from './testing/wire-server/wire-protocol';
import { storeOnWireServer, type WireStore } from './testing/wire-store';

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
const unavailable = (): ReturnType<typeof rpc.custom> =>
  rpc.custom(status.UNAVAILABLE, 'Server Is Not Ready');

describe('EventStoreDB adapter: subscribe', () => {
  let wire: WireStore;
  const delays: number[] = [];
  beforeEach(async () => {
    delays.length = 0;
    wire = await storeOnWireServer({
      resubscribe: { initialDelayMs: 10, maxDelayMs: 30, maxAttempts: 4 },
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
      logger: silentLogger,
    });
  });
  afterEach(() => wire.stop());

  const subscribeCalls = (): number =>
    wire.server.calls.filter((call) => call.kind === 'subscribe').length;

  it('catches up from the start, then follows live, without system events', async () => {
    const [a, b] = [freshStreamId(), freshStreamId()];
    await wire.store.append(a, newEvents(2), 'no-stream');
    await wire.store.deleteStream(freshStreamId()); // a tombstone record in $all
    const live = collect(wire.store.subscribe(), 4);
    await wire.store.append(b, newEvents(2), 'no-stream');
    const seen = await live;
    expect(seen.map((e) => `${e.streamId === a ? 'a' : 'b'}${e.streamVersion}`)).toEqual([
      'a0',
      'a1',
      'b0',
      'b1',
    ]);
  });

  it('starts strictly after the checkpoint it is given', async () => {
    await wire.store.append(freshStreamId(), newEvents(4), 'no-stream');
    const all = await wire.store.readAll({ maxCount: 10 });
    const seen = await collect(wire.store.subscribe({ after: all[1].position }), 2);
    expect(ids(seen)).toEqual(ids(all.slice(2)));
  });

  it('after an error mid-stream, resubscribes from the last delivered position: no repeat, no skip', async () => {
    await wire.store.append(freshStreamId(), newEvents(6), 'no-stream');
    wire.server.failNext('subscribe', unavailable(), { afterEvents: 3 });
    const seen = await collect(wire.store.subscribe(), 6);
    expect(ids(seen)).toEqual(ids(await wire.store.readAll({ maxCount: 10 })));
    expect(subscribeCalls()).toBe(2);
  });

  it('resubscribes when the server simply ends the subscription', async () => {
    await wire.store.append(freshStreamId(), newEvents(3), 'no-stream');
    wire.server.failNext('subscribe', undefined, { afterEvents: 1 });
    wire.server.failNext('subscribe', undefined, { afterEvents: 1 });
    const seen = await collect(wire.store.subscribe(), 3);
    expect(seen.map((e) => e.streamVersion)).toEqual([0, 1, 2]);
    expect(subscribeCalls()).toBe(3);
  });

  it('backs off between failed attempts, and starts over once an event gets through', async () => {
    await wire.store.append(freshStreamId(), newEvents(2), 'no-stream');
    for (const afterEvents of [0, 0, 0, 1, 0]) {
      wire.server.failNext('subscribe', unavailable(), { afterEvents });
    }
    await collect(wire.store.subscribe(), 2);
    expect(delays).toEqual([10, 20, 30, 10, 20]);
  });

  it('gives up with StoreUnavailableError after the configured number of failed attempts', async () => {
    await wire.store.append(freshStreamId(), newEvents(1), 'no-stream');
    for (let attempt = 0; attempt < 6; attempt += 1)
      wire.server.failNext('subscribe', unavailable());
    const failure = await collect(wire.store.subscribe(), 1).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect(failure).not.toBeInstanceOf(StoreRefusedError);
    expect(subscribeCalls()).toBe(5);
  });

  it('does not retry a refusal: the iteration fails with the translated error', async () => {
    await wire.store.append(freshStreamId(), newEvents(2), 'no-stream');
    wire.server.failNext('subscribe', rpc.accessDenied(), { afterEvents: 1 });
    const seen: RecordedEvent[] = [];
    const run = async (): Promise<void> => {
      for await (const event of wire.store.subscribe()) seen.push(event);
    };
    await expect(run()).rejects.toMatchObject({
      name: 'StoreRefusedError',
      reason: 'access-denied',
    });
    expect(seen).toHaveLength(1);
    expect(subscribeCalls()).toBe(1);
  });

  it('ends when its signal aborts, even while waiting for live events, and the server call ends', async () => {
    await wire.store.append(freshStreamId(), newEvents(1), 'no-stream');
    const controller = new AbortController();
    const seen: RecordedEvent[] = [];
    for await (const event of wire.store.subscribe({ signal: controller.signal })) {
      seen.push(event);
      setImmediate(() => controller.abort());
    }
    expect(seen).toHaveLength(1);
    await wire.server.whenIdle('subscribe');
  });

  it('whatever the failures, delivers every event exactly once, in order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.array(
          fc.record({ afterEvents: fc.integer({ min: 0, max: 3 }), withError: fc.boolean() }),
          { maxLength: 3 },
        ),
        async (count, failures) => {
          wire.server.clearFaults();
          const head = await wire.store.headPosition();
          const streamId = freshStreamId();
          await wire.store.append(streamId, newEvents(count), 'no-stream');
          wire.server.log.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', {});
          for (const failure of failures) {
            wire.server.failNext('subscribe', failure.withError ? unavailable() : undefined, {
              afterEvents: failure.afterEvents,
            });
          }
          const seen = await collect(wire.store.subscribe({ after: head }), count);
          expect(ids(seen)).toEqual(ids(await wire.store.readStream(streamId)));
        },
      ),
      { numRuns: 30 },
    );
  });
});
