import { StreamDeletedError, StreamNotFoundError } from './errors';
import type { StreamContents } from './stream-contents';
import { contentsOf } from './stream-contents';
import type { RecordedEvent } from './types';

/**
 * `readStreams` for an adapter that has no multi-stream read: every stream read at once, in
 * parallel, their not-found and deleted errors turned into contents.
 */
export function readStreamsOneByOne(
  readStream: (streamId: string) => Promise<RecordedEvent[]>,
  streamIds: readonly string[],
): Promise<StreamContents[]> {
  return Promise.all(
    streamIds.map(async (streamId): Promise<StreamContents> => {
      try {
        return contentsOf(await readStream(streamId));
      } catch (error) {
        if (error instanceof StreamNotFoundError) return { kind: 'absent' };
        if (error instanceof StreamDeletedError) return { kind: 'deleted' };
        throw error;
      }
    }),
  );
}
