import {
  comparePositions,
  hasReached,
  isPosition,
  StreamNotFoundError,
  type EventStore,
} from '../port';
import type { ConformanceContext } from './conformance-context';
import { eventually, freshStreamId, newEvents, readAllUntil } from './conformance-fixtures';

export function readCases(context: ConformanceContext): void {
  let store: EventStore;
  beforeAll(() => {
    store = context.store();
  });

  describe('readStream', () => {
    let streamId: string;
    beforeAll(async () => {
      streamId = freshStreamId();
      await context.store().append(streamId, newEvents(10), 'no-stream');
    });

    const versions = async (options: Parameters<EventStore['readStream']>[1]) =>
      (await store.readStream(streamId, options)).map((event) => event.streamVersion);

    it('reads forwards from a version with a maximum count', async () => {
      expect(await versions({ fromVersion: 3, maxCount: 4 })).toEqual([3, 4, 5, 6]);
      expect(await versions({ fromVersion: 8 })).toEqual([8, 9]);
      expect(await versions({ fromVersion: 10 })).toEqual([]);
      expect(await versions(undefined)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('reads backwards from a version, or from the end', async () => {
      expect(await versions({ direction: 'backwards', fromVersion: 5, maxCount: 3 })).toEqual([
        5, 4, 3,
      ]);
      expect(await versions({ direction: 'backwards', maxCount: 2 })).toEqual([9, 8]);
      expect(await versions({ direction: 'backwards' })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    });

    it('throws StreamNotFoundError for a stream that never existed', async () => {
      const missing = freshStreamId();
      await expect(store.readStream(missing)).rejects.toBeInstanceOf(StreamNotFoundError);
      await expect(store.readStream(missing)).rejects.toMatchObject({ streamId: missing });
    });
  });

  describe('readStreams', () => {
    it('reads several streams at once, in the order asked, absent and deleted ones included', async () => {
      const long = freshStreamId();
      const short = freshStreamId();
      const missing = freshStreamId();
      const deleted = freshStreamId();
      await store.append(long, newEvents(3, 'L'), 'no-stream');
      await store.append(short, newEvents(1, 'S'), 'no-stream');
      await store.append(deleted, newEvents(1, 'D'), 'no-stream');
      await store.deleteStream(deleted);
      const read = await store.readStreams([missing, long, deleted, short, long]);
      const summary = read.map((contents) =>
        contents.kind === 'events'
          ? {
              kind: contents.kind,
              version: contents.version,
              streams: contents.events.map((event) => event.streamId),
              versions: contents.events.map((event) => event.streamVersion),
            }
          : contents,
      );
      const longSummary = {
        kind: 'events',
        version: 2,
        streams: [long, long, long],
        versions: [0, 1, 2],
      };
      expect(summary).toEqual([
        { kind: 'absent' },
        longSummary,
        { kind: 'deleted' },
        { kind: 'events', version: 0, streams: [short], versions: [0] },
        longSummary,
      ]);
    });

    it('gives the same events as readStream', async () => {
      const streamId = freshStreamId();
      await store.append(streamId, newEvents(2), 'no-stream');
      const [contents] = await store.readStreams([streamId]);
      expect(contents).toEqual({
        kind: 'events',
        version: 1,
        events: await store.readStream(streamId),
      });
    });

    it('reads nothing for no stream', async () => {
      expect(await store.readStreams([])).toEqual([]);
    });
  });

  it('reads all streams in one global order, page by page', async () => {
    const head = await store.headPosition();
    const streamA = freshStreamId();
    const streamB = freshStreamId();
    await store.append(streamA, newEvents(1, 'A'), 'no-stream');
    await store.append(streamB, newEvents(1, 'B'), 'no-stream');
    await store.append(streamA, newEvents(2, 'A'), 0);
    const mine = new Set([streamA, streamB]);

    const all = await readAllUntil(store, head, mine, 4);
    expect(all.map((event) => [event.streamId, event.streamVersion])).toEqual([
      [streamA, 0],
      [streamB, 0],
      [streamA, 1],
      [streamA, 2],
    ]);

    const paged = [];
    let after = head;
    while (paged.length < 4) {
      const [next] = (await store.readAll({ after, maxCount: 1 })) ?? [];
      if (!next) break;
      if (mine.has(next.streamId)) paged.push(next);
      after = next.position;
    }
    expect(paged.map((event) => event.eventId)).toEqual(all.map((event) => event.eventId));
  });

  it('gives positions as decimal strings that increase, up to the head position', async () => {
    const streamId = freshStreamId();
    const head = await store.headPosition();
    if (head !== undefined) expect(isPosition(head)).toBe(true);
    const results = [];
    for (let index = 0; index < 3; index += 1) {
      results.push(
        await store.append(streamId, newEvents(1), index === 0 ? 'no-stream' : index - 1),
      );
    }
    const positions = results.map((result) => result.position);
    for (const position of positions) expect(isPosition(position)).toBe(true);
    expect(comparePositions(positions[0], positions[1])).toBeLessThan(0);
    expect(comparePositions(positions[1], positions[2])).toBeLessThan(0);
    if (head !== undefined) expect(comparePositions(head, positions[0])).toBeLessThan(0);

    const read = await store.readStream(streamId);
    expect(read.map((event) => event.position)).toEqual(positions);
    await eventually('the head to reach the last append', async () =>
      hasReached(await store.headPosition(), positions[2]) ? true : undefined,
    );
  });

  it('never puts a bigint in a recorded event (JSON.stringify works and round-trips)', async () => {
    const streamId = freshStreamId();
    await store.append(streamId, newEvents(2), 'no-stream');
    const head = await store.headPosition();
    const [event] = await store.readStream(streamId);
    const fromAll = await store.readAll({ after: undefined, maxCount: 1 });
    for (const recorded of [event, ...fromAll]) {
      const json = JSON.stringify(recorded);
      expect(JSON.parse(json)).toEqual(recorded);
      for (const value of Object.values(recorded)) expect(typeof value).not.toBe('bigint');
      expect(typeof recorded.position).toBe('string');
      expect(typeof recorded.streamVersion).toBe('number');
    }
    expect(typeof head).toBe('string');
  });
}
