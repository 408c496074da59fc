import { status } from '@grpc/grpc-js';
import { StoreUnavailableError, StreamDeletedError, WrongExpectedVersionError } from '../port';
import { freshStreamId, newEvent, newEvents } from '../testing/conformance-fixtures';
import { rpc } from './testing/wire-server/wire-protocol';
import { storeOnWireServer, type WireStore } from './testing/wire-store';

// Through the real client (its shared batch-append stream included) against the wire-level server.
describe('EventStoreDB adapter: append', () => {
  let wire: WireStore;
  beforeEach(async () => {
    wire = await storeOnWireServer();
  });
  afterEach(() => wire.stop());

  it('sends the expected version as the client revision', async () => {
    const streamId = freshStreamId();
    await wire.store.append(streamId, newEvents(2), 'no-stream');
    await wire.store.append(streamId, newEvents(1), 1);
    await wire.store.append(streamId, newEvents(1), 'any');
    expect(wire.server.appends.map((append) => append.expected)).toEqual(['no_stream', 1n, 'any']);
  });

  it('answers from the append reply alone: one request, no read-back, the position readers see', async () => {
    const streamId = freshStreamId();
    const result = await wire.store.append(streamId, newEvents(3), 'no-stream');
    expect(wire.server.calls.map((call) => call.kind)).toEqual(['server-features', 'batch-append']);
    const read = await wire.store.readStream(streamId);
    expect(result).toEqual({ version: 2, position: read[2].position });
    const [fromAll] = (await wire.store.readAll({ maxCount: 10 })).filter(
      (event) => event.eventId === read[2].eventId,
    );
    expect(fromAll?.position).toBe(result.position);
  });

  it('reads the last event back only when the server answers without a position', async () => {
    const streamId = freshStreamId();
    const events = newEvents(2);
    const first = await wire.store.append(streamId, events, 'no-stream');
    wire.server.withholdAppendPositions();
    const again = await wire.store.append(streamId, events, 'no-stream');
    expect(again).toEqual(first);
    expect(wire.server.calls.filter((call) => call.kind === 'read-stream')).toHaveLength(1);
  });

  it('takes uppercase event ids: the server lowercases them, the append still succeeds once', async () => {
    const streamId = freshStreamId();
    const upper = newEvents(2).map((event) => ({ ...event, eventId: event.eventId.toUpperCase() }));
    const first = await wire.store.append(streamId, upper, 'no-stream');
    expect(first.version).toBe(1);
    const read = await wire.store.readStream(streamId);
    expect(read.map((event) => event.eventId)).toEqual(upper.map((e) => e.eventId.toLowerCase()));
    expect(await wire.store.append(streamId, upper, 'no-stream')).toEqual(first);
    expect(wire.server.appends).toHaveLength(2);
  });

  describe("idempotence: exact versions always, 'any' only while the server remembers the ids", () => {
    it('an exact-version re-append is idempotent after others moved the stream on and the server forgot recent ids', async () => {
      const streamId = freshStreamId();
      await wire.store.append(streamId, newEvents(1), 'no-stream');
      const events = newEvents(2);
      const first = await wire.store.append(streamId, events, 0);
      await wire.another().append(streamId, newEvents(3), 2);
      wire.server.log.forgetRecentIds();
      expect(await wire.store.append(streamId, events, 0)).toEqual(first);
      expect(await wire.store.readStream(streamId)).toHaveLength(6);
    });

    it('a partial match at an exact version is refused as a conflict', async () => {
      const streamId = freshStreamId();
      const events = newEvents(2);
      await wire.store.append(streamId, events, 'no-stream');
      await expect(
        wire.store.append(streamId, [events[0], newEvent('Other')], 'no-stream'),
      ).rejects.toMatchObject({
        name: 'WrongExpectedVersionError',
        expected: 'no-stream',
        actual: 1,
      });
    });

    it("an 'any' re-append after the server forgot the ids writes them again (why the application appends at exact versions)", async () => {
      const streamId = freshStreamId();
      const events = newEvents(1);
      await wire.store.append(streamId, events, 'any');
      expect(await wire.store.append(streamId, events, 'any')).toMatchObject({ version: 0 });
      wire.server.log.forgetRecentIds();
      expect(await wire.store.append(streamId, events, 'any')).toMatchObject({ version: 1 });
      expect(await wire.store.readStream(streamId)).toHaveLength(2);
    });
  });

  it('translates a conflict, with the actual version', async () => {
    const streamId = freshStreamId();
    await wire.store.append(streamId, newEvents(2), 'no-stream');
    await expect(wire.store.append(streamId, newEvents(1), 0)).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
      streamId,
      expected: 0,
      actual: 1,
    });
    await expect(wire.store.append(freshStreamId(), newEvents(1), 3)).rejects.toMatchObject({
      expected: 3,
      actual: 'no-stream',
    });
    await expect(wire.store.append(streamId, newEvents(1), 'no-stream')).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
  });

  it('an append to a deleted stream fails with StreamDeletedError, without a retry', async () => {
    const streamId = freshStreamId();
    await wire.store.append(streamId, newEvents(1), 'no-stream');
    await wire.store.deleteStream(streamId);
    const before = wire.server.appends.length;
    await expect(wire.store.append(streamId, newEvents(1), 'any')).rejects.toBeInstanceOf(
      StreamDeletedError,
    );
    expect(wire.server.appends.length - before).toBe(1);
  });

  describe('one broken batch stream rejects every append in flight', () => {
    const unavailable = (): ReturnType<typeof rpc.custom> =>
      rpc.custom(status.UNAVAILABLE, 'Connection dropped');

    it.each([
      ['after the server wrote the events', true],
      ['before the server wrote them', false],
    ])('retries %s: same ids, same revision, one copy', async (_when, afterWrite) => {
      const streamId = freshStreamId();
      const events = newEvents(2);
      wire.server.failNext('batch-append', unavailable(), { afterWrite });
      const result = await wire.store.append(streamId, events, 'no-stream');
      expect(wire.server.appends).toHaveLength(2);
      expect(wire.server.appends[1]).toEqual(wire.server.appends[0]);
      const read = await wire.store.readStream(streamId);
      expect(read.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
      expect(result).toEqual({ version: 1, position: read[1].position });
    });

    it('concurrent appends rejected together all succeed on retry', async () => {
      await wire.store.append(freshStreamId(), newEvents(1), 'no-stream');
      const release = wire.server.pauseAppends();
      wire.server.failNext('batch-append', unavailable(), { afterWrite: true });
      const streams = [freshStreamId(), freshStreamId(), freshStreamId()];
      const appending = streams.map((streamId) =>
        wire.store.append(streamId, newEvents(1), 'no-stream'),
      );
      release();
      expect((await Promise.all(appending)).map((result) => result.version)).toEqual([0, 0, 0]);
      for (const streamId of streams) expect(await wire.store.readStream(streamId)).toHaveLength(1);
    });

    it('gives up after the bounded number of retries with StoreUnavailableError, waiting longer each time', async () => {
      const delays: number[] = [];
      const store = wire.another({
        appendRetry: { maxRetries: 2, initialDelayMs: 10, maxDelayMs: 15 },
        sleep: (ms) => {
          delays.push(ms);
          return Promise.resolve();
        },
      });
      for (let attempt = 0; attempt < 3; attempt += 1) {
        wire.server.failNext('batch-append', unavailable());
      }
      await expect(store.append(freshStreamId(), newEvents(1), 'no-stream')).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      expect(wire.server.appends).toHaveLength(3);
      expect(delays).toEqual([10, 15]);
    });
  });

  it('refuses an empty append and a bad expected version before calling the server', async () => {
    await expect(wire.store.append(freshStreamId(), [], 'any')).rejects.toThrow(RangeError);
    await expect(wire.store.append(freshStreamId(), newEvents(1), -1)).rejects.toThrow(RangeError);
    expect(wire.server.appends).toHaveLength(0);
  });
});
