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
import { headHashOf, readStreamState, versionOf } from './stream-reads';

export interface LoadedSession {
  readonly sessionId: string;
  /** Folded from the session stream and the deletion stream (a deletion record wins). */
  readonly state: SessionState;
  /** Version of the session stream (-1: none), the expected version of the next append. */
  readonly version: number;
  /** The chain hash of the session stream's last event, which the next append links to. */
  readonly headHash?: string;
  /** The session stream's events as read (a deletion lists them). */
  readonly events: readonly RecordedEvent[];
  /** The session stream exists and is not deleted (a half-done delete leaves it behind). */
  readonly streamPresent: boolean;
  /** The session stream is a tombstone (deleted) even if no deletion record was read. */
  readonly streamDeleted: boolean;
  /** The deletion record, if any. */
  readonly deletion?: SessionDeletedData;
}

function fold(state: SessionState, events: readonly RecordedEvent[]): SessionState {
  return events.reduce((current, recorded) => {
    const event = toSessionEvent(recorded);
    return event === undefined ? current : evolveSession(current, event);
  }, state);
}

/** Reads what a session command decides on: its stream and its deletion record. */
@Injectable()
export class SessionLoader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(sessionId: string): Promise<LoadedSession> {
    const [session, deletion] = await Promise.all([
      readStreamState(this.store, sessionStream(sessionId)),
      readStreamState(this.store, sessionDeletionStream(sessionId)),
    ]);
    let state = initialSessionState();
    if (session.kind === 'events') state = fold(state, session.events);
    const deletionEvents = deletion.kind === 'events' ? deletion.events : [];
    state = fold(state, deletionEvents);
    const record = state.status === 'deleted' ? state.deletion : undefined;
    const headHash = headHashOf(session);
    return {
      sessionId,
      state,
      version: versionOf(session),
      ...(headHash === undefined ? {} : { headHash }),
      events: session.kind === 'events' ? session.events : [],
      streamPresent: session.kind === 'events',
      streamDeleted: session.kind === 'deleted',
      ...(record ? { deletion: record } : {}),
    };
  }
}
