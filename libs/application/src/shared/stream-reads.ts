import type { EventStore, StreamContents } from '@app/event-store';

/** A stream as a command reads it: a stream that never existed is the initial state. */
export type StreamRead = StreamContents;

/** One stream's contents; absent and deleted streams are answers, not exceptions. */
export async function readStreamState(store: EventStore, streamId: string): Promise<StreamRead> {
  const [read] = await store.readStreams([streamId]);
  if (read === undefined) throw new Error(`readStreams gave nothing for ${streamId}`);
  return read;
}

export function versionOf(read: StreamRead): number {
  return read.kind === 'events' ? read.version : -1;
}
