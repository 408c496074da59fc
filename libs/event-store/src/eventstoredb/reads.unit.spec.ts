import { status } from '@grpc/grpc-js';
import {
  comparePositions,
  StoreRefusedError,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
} from '../port';
import { freshStreamId, newEvents } from '../testing/conformance-fixtures';
import { rpc } from './testing/wire-server/wire-protocol';
import { storeOnWireServer, type WireStore } from './testing/wire-store';

describe('EventStoreDB adapter: reads', () => {
  let wire: WireStore;
  let streamId: string;
  beforeEach(async () => {
    wire = await storeOnWireServer({ readPageSize: 2 });
    streamId = freshStreamId();
    await wire.store.append(streamId, newEvents(5), 'no-stream');
  });
  afterEach(() => wire.stop());

  const versions = async (options: Parameters<WireStore['store']['readStream']>[1]) =>
    (await wire.store.readStream(streamId, options)).map((event) => event.streamVersion);

  it('reads a stream forwards and backwards, from a version, with a count', async () => {
    expect(await versions({ fromVersion: 2, maxCount: 2 })).toEqual([2, 3]);
    expect(await versions({ direction: 'backwards', maxCount: 2 })).toEqual([4, 3]);
    expect(await versions({ direction: 'backwards', fromVersion: 1 })).toEqual([1, 0]);
    expect(await versions({ maxCount: 0 })).toEqual([]);
  });

  it('a missing stream is StreamNotFoundError; a tombstoned one StreamDeletedError, even with a count of 0', async () => {
    const missing = freshStreamId();
    await expect(wire.store.readStream(missing)).rejects.toBeInstanceOf(StreamNotFoundError);
    await expect(wire.store.readStream(missing, { maxCount: 0 })).rejects.toBeInstanceOf(
      StreamNotFoundError,
    );
    await wire.store.deleteStream(streamId);
    await expect(wire.store.readStream(streamId, { maxCount: 0 })).rejects.toBeInstanceOf(
      StreamDeletedError,
    );
  });

  it('tombstones a stream that never existed, for good; a second delete is StreamDeletedError', async () => {
    const never = freshStreamId();
    await wire.store.deleteStream(never);
    await expect(wire.store.deleteStream(never)).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(wire.store.append(never, newEvents(1), 'no-stream')).rejects.toBeInstanceOf(
      StreamDeletedError,
    );
  });

  it('reads $all in order, across pages and system events, never the tombstone record', async () => {
    const other = freshStreamId();
    wire.server.log.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', {});
    await wire.store.append(other, newEvents(2), 'no-stream');
    await wire.store.deleteStream(other);
    const all = await wire.store.readAll({ maxCount: 100 });
    expect(
      all.map((event) => `${event.streamId === streamId ? 'a' : 'b'}${event.streamVersion}`),
    ).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1']);
    for (let index = 1; index < all.length; index += 1) {
      expect(comparePositions(all[index - 1].position, all[index].position)).toBeLessThan(0);
    }
    const after = await wire.store.readAll({ after: all[1].position, maxCount: 3 });
    expect(after.map((event) => event.eventId)).toEqual(all.slice(2, 5).map((e) => e.eventId));
  });

  it("after a scavenge, a tombstoned stream's events are gone from $all and the name stays deleted", async () => {
    await wire.store.deleteStream(streamId);
    expect(wire.server.log.scavenge()).toBe(5);
    expect(await wire.store.readAll({ maxCount: 100 })).toEqual([]);
    expect(await wire.store.headPosition()).toBeUndefined();
    await expect(wire.store.readStream(streamId)).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('the head is the newest event of the application, past system events', async () => {
    const all = await wire.store.readAll({ maxCount: 100 });
    for (let index = 0; index < 5; index += 1) {
      wire.server.log.writeSystemEvent('$scavenges', '$scavengeStarted', {});
    }
    expect(await wire.store.headPosition()).toBe(all[4].position);
  });

  it('gives metadata back exactly as written: same keys, same order, same JSON', async () => {
    const chained = freshStreamId();
    const [event] = newEvents(1);
    const metadata = {
      prevHash: 'a'.repeat(64),
      occurredAt: event.metadata.occurredAt,
      hash: 'b'.repeat(64),
      actor: event.metadata.actor,
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.causationId,
      nested: { z: 1, a: [true, null, 'é'] },
    };
    await wire.store.append(chained, [{ ...event, metadata }], 'no-stream');
    const [read] = await wire.store.readStream(chained);
    expect(JSON.stringify(read?.metadata)).toBe(JSON.stringify(metadata));
    const [fromAll] = (await wire.store.readAll({ maxCount: 100 })).filter(
      (recorded) => recorded.streamId === chained,
    );
    expect(JSON.stringify(fromAll?.metadata)).toBe(JSON.stringify(metadata));
  });

  it('refuses events without a position (servers before 22.6) rather than invent one', async () => {
    const old = await storeOnWireServer({}, { streamReadsWithoutPosition: true });
    try {
      const id = freshStreamId();
      await old.store.append(id, newEvents(1), 'no-stream');
      const attempt = old.store.readStream(id);
      await expect(attempt).rejects.toBeInstanceOf(StoreRefusedError);
      await expect(attempt).rejects.toMatchObject({ reason: 'unsupported-server' });
    } finally {
      await old.stop();
    }
  });

  it('an unavailable server is StoreUnavailableError on reads', async () => {
    wire.server.failNext('read-stream', rpc.custom(status.UNAVAILABLE, 'Server Is Not Ready'));
    await expect(wire.store.readStream(streamId)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await versions({ maxCount: 1 })).toEqual([0]);
  });
});
