import { Inject, Injectable } from '@nestjs/common';
import {
  evolveSession,
  initialSessionState,
  sessionDeletionStream,
  sessionStream,
  type SessionDeletedData,
  type SessionState,
  toSessionEvent,
} from '@app/domain';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { EVENT_STORE } from '../ports';
import { type StreamRead, versionOf } from './stream-reads';

export interface LoadedSession {
  readonly sessionId: string;
  /** Folded from the session stream and the deletion stream (a deletion record wins). */
  readonly state: SessionState;
  /** Version of the session stream (-1: none), the expected version of the next append. */
  readonly version: number;
  /** The session stream exists and is not deleted (a half-done delete leaves it behind). */
  readonly streamPresent: boolean;
  /** The session stream is a tombstone (deleted) even if no deletion record was read. */
  readonly streamDeleted: boolean;
  /** The deletion record, if any. */
  readonly deletion?: SessionDeletedData;
  /** The other streams asked for, in their order, read in the same request. */
  readonly also: readonly StreamRead[];
}

function fold(state: SessionState, events: readonly RecordedEvent[]): SessionState {
  return events.reduce((current, recorded) => {
    const event = toSessionEvent(recorded);
    return event === undefined ? current : evolveSession(current, event);
  }, state);
}

/**
 * Reads what a session command decides on: its stream, its deletion record, and any other
 * stream the command names (`also`: a workstation), all in ONE request to the store (one
 * round trip and one snapshot on the SQL stores).
 */
@Injectable()
export class SessionLoader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(sessionId: string, also: readonly string[] = []): Promise<LoadedSession> {
    const [session, deletion, ...others] = await this.store.readStreams([
      sessionStream(sessionId),
      sessionDeletionStream(sessionId),
      ...also,
    ]);
    if (session === undefined || deletion === undefined) {
      throw new Error(`readStreams gave too little for session ${sessionId}`);
    }
    let state = initialSessionState();
    if (session.kind === 'events') state = fold(state, session.events);
    const deletionEvents = deletion.kind === 'events' ? deletion.events : [];
    state = fold(state, deletionEvents);
    const record = state.status === 'deleted' ? state.deletion : undefined;
    return {
      sessionId,
      state,
      version: versionOf(session),
      streamPresent: session.kind === 'events',
      streamDeleted: session.kind === 'deleted',
      ...(record ? { deletion: record } : {}),
      also: others,
    };
  }
}
