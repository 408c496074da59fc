import { freshStreamId, newEvents } from '../testing/conformance-fixtures';
import { storeOnWireServer, type WireStore } from './testing/wire-store';

// Through the real client against the wire-level test server. A leaked client stream shows as a
// close() that never returns (the test's timeout), an open server call as a non-zero count.
jest.setTimeout(15_000);

describe('EventStoreDB adapter: no read outlives its operation, and close() always returns', () => {
  let wire: WireStore;
  beforeEach(async () => {
    wire = await storeOnWireServer({ readPageSize: 3 });
  });
  afterEach(() => wire.server.stop());

  it('after 20 appends, close() returns and the server has no open call', async () => {
    const streamId = freshStreamId();
    for (let version = 0; version < 20; version += 1) {
      await wire.store.append(streamId, newEvents(1), version === 0 ? 'no-stream' : version - 1);
    }
    await wire.store.close();
    await wire.server.whenIdle();
    expect(wire.server.openCalls()).toBe(0);
  });

  it.each([
    ['readStream', (w: WireStore, s: string) => w.store.readStream(s)],
    [
      'readStream with a count',
      (w: WireStore, s: string) => w.store.readStream(s, { maxCount: 1 }),
    ],
    [
      'readStream backwards',
      (w: WireStore, s: string) => w.store.readStream(s, { direction: 'backwards', maxCount: 2 }),
    ],
    ['readAll stopped by its count', (w: WireStore) => w.store.readAll({ maxCount: 2 })],
    ['readAll to the end', (w: WireStore) => w.store.readAll({ maxCount: 1000 })],
    ['headPosition', (w: WireStore) => w.store.headPosition()],
  ])('after %s, no read is open and close() returns', async (_kind, read) => {
    const streamId = freshStreamId();
    await wire.store.append(streamId, newEvents(5), 'no-stream');
    await read(wire, streamId);
    expect(wire.server.openCalls('read-stream') + wire.server.openCalls('read-all')).toBe(0);
    await wire.store.close();
    await wire.server.whenIdle();
  });

  it('after a subscription stopped by its signal or its consumer, the server call ends', async () => {
    await wire.store.append(freshStreamId(), newEvents(3), 'no-stream');
    const controller = new AbortController();
    for await (const _event of wire.store.subscribe({ signal: controller.signal })) {
      controller.abort();
    }
    for await (const _event of wire.store.subscribe()) break;
    // The client cancels a subscription; the server learns of it a moment later.
    await wire.server.whenIdle('subscribe');
    await wire.store.close();
    await wire.server.whenIdle();
  });

  it('close() ends a live subscription and returns', async () => {
    const ended = (async () => {
      for await (const _event of wire.store.subscribe()) {
        // waits for live events
      }
      return 'ended';
    })();
    await wire.store.append(freshStreamId(), newEvents(1), 'no-stream');
    await wire.store.close();
    await expect(ended).resolves.toBe('ended');
    await wire.server.whenIdle();
  });

  it("closing one store while another store's appends are in flight neither crashes nor fails them", async () => {
    // The client keeps pending batch appends in one map for the whole process: a client that
    // disposes its batch stream rejects, and forgets, the other clients' appends too.
    const other = wire.another();
    await wire.store.append(freshStreamId(), newEvents(1), 'no-stream');
    await other.append(freshStreamId(), newEvents(1), 'no-stream');
    const release = wire.server.pauseAppends();
    const streams = Array.from({ length: 5 }, () => freshStreamId());
    const inFlight = streams.map((streamId) => other.append(streamId, newEvents(2), 'no-stream'));
    const closing = wire.store.close();
    release();
    await closing;
    const results = await Promise.all(inFlight);
    expect(results.map((result) => result.version)).toEqual([1, 1, 1, 1, 1]);
    for (const streamId of streams) expect(await other.readStream(streamId)).toHaveLength(2);
    await other.close();
  });

  it('refuses appends once closed, without touching the client', async () => {
    await wire.store.close();
    await expect(wire.store.append(freshStreamId(), newEvents(1), 'any')).rejects.toThrow(/closed/);
  });
});
