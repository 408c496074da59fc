import { StreamDeletedError, WrongExpectedVersionError, type EventStore } from '../port';
import type { ConformanceContext } from './conformance-context';
import { freshStreamId, newEvents } from './conformance-fixtures';

export function deleteCases(context: ConformanceContext): void {
  let store: EventStore;
  beforeAll(() => {
    store = context.store();
  });

  it('after deleteStream, reads and appends of the stream fail with StreamDeletedError', async () => {
    const streamId = freshStreamId();
    const neighbour = freshStreamId();
    await store.append(streamId, newEvents(2), 'no-stream');
    await store.append(neighbour, newEvents(1), 'no-stream');

    await store.deleteStream(streamId);

    await expect(store.readStream(streamId)).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(store.readStream(streamId)).rejects.toMatchObject({ streamId });
    for (const expected of ['no-stream', 'any', 1, 0] as const) {
      await expect(store.append(streamId, newEvents(1), expected)).rejects.toBeInstanceOf(
        StreamDeletedError,
      );
    }
    await expect(store.deleteStream(streamId)).rejects.toBeInstanceOf(StreamDeletedError);
    expect(await store.readStream(neighbour)).toHaveLength(1);
  });

  it('deletes at an expected version only when the stream is at it, changing nothing otherwise', async () => {
    const streamId = freshStreamId();
    await store.append(streamId, newEvents(2), 'no-stream');

    await expect(store.deleteStream(streamId, 0)).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.readStream(streamId)).toHaveLength(2);
    await store.append(streamId, newEvents(1), 1);

    await store.deleteStream(streamId, 2);
    await expect(store.readStream(streamId)).rejects.toBeInstanceOf(StreamDeletedError);
  });
}
