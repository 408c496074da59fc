import { type EventStore, WrongExpectedVersionError } from '@app/event-store';
import type { MetricsRecorder } from './metrics-recorder';

/**
 * The same store, with every append counted: one line at composition instead of a call in every
 * handler. Reads pass through untouched.
 */
export function instrumentEventStore(store: EventStore, recorder: MetricsRecorder): EventStore {
  return {
    async append(streamId, events, expectedVersion) {
      try {
        const result = await store.append(streamId, events, expectedVersion);
        recorder.appended(streamId, events.length);
        return result;
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) recorder.conflict(streamId);
        else recorder.appendFailed(streamId);
        throw error;
      }
    },
    readStream: (streamId, options) => store.readStream(streamId, options),
    readStreams: (streamIds) => store.readStreams(streamIds),
    readAll: (options) => store.readAll(options),
    subscribe: (options) => store.subscribe(options),
    headPosition: () => store.headPosition(),
    deleteStream: (streamId, expectedVersion) => store.deleteStream(streamId, expectedVersion),
    close: () => store.close(),
  };
}
