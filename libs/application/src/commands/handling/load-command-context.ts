import {
  evolveSession,
  initialSessionState,
  sessionDeletionStream,
  type SessionDeletedData,
  type SessionState,
  sessionStream,
  toSessionEvent,
  toWorkstationEvent,
  type WorkstationEvent,
  workstationStream,
} from '@app/domain';
import {
  type EventStore,
  type RecordedEvent,
  StreamDeletedError,
  StreamNotFoundError,
} from '@app/event-store';

/** The streams a command decides on: a session (with its deletion record), a workstation. */
export interface ContextReads {
  readonly sessionId?: string | undefined;
  readonly professionalId?: string | undefined;
}

export interface LoadedSession {
  readonly sessionId: string;
  /** Folded from the session stream and the deletion stream (a deletion record wins). */
  readonly state: SessionState;
  /** Version of the session stream (-1: none), the expected version of the next append. */
  readonly version: number;
  /** The session stream exists and is not deleted (a half-done delete leaves it behind). */
  readonly streamPresent: boolean;
  /** A deletion record exists or the stream is a tombstone: the session is gone for good. */
  readonly deleted: boolean;
  /** The deletion record, if any. */
  readonly deletion?: SessionDeletedData;
}

export interface LoadedWorkstation {
  readonly events: readonly WorkstationEvent[];
  /** Version of the workstation stream (-1: none). */
  readonly version: number;
}

/** Everything a command reads before deciding; what it did not ask for is absent. */
export interface CommandContext {
  readonly session?: LoadedSession;
  readonly workstation?: LoadedWorkstation;
}

type StreamRead =
  | { readonly kind: 'events'; readonly events: readonly RecordedEvent[] }
  | { readonly kind: 'absent' | 'deleted' };

const ABSENT: StreamRead = { kind: 'absent' };

async function readStream(store: EventStore, streamId: string): Promise<StreamRead> {
  try {
    const events = await store.readStream(streamId);
    return events.length === 0 ? ABSENT : { kind: 'events', events };
  } catch (error) {
    if (error instanceof StreamNotFoundError) return ABSENT;
    if (error instanceof StreamDeletedError) return { kind: 'deleted' };
    throw error;
  }
}

function versionOf(read: StreamRead): number {
  return read.kind === 'events' ? (read.events[read.events.length - 1]?.streamVersion ?? -1) : -1;
}

function eventsOf(read: StreamRead): readonly RecordedEvent[] {
  return read.kind === 'events' ? read.events : [];
}

function loadedSession(
  sessionId: string,
  session: StreamRead,
  deletion: StreamRead,
): LoadedSession {
  const state = [...eventsOf(session), ...eventsOf(deletion)].reduce((current, recorded) => {
    const event = toSessionEvent(recorded);
    return event === undefined ? current : evolveSession(current, event);
  }, initialSessionState());
  const record = state.status === 'deleted' ? state.deletion : undefined;
  return {
    sessionId,
    state,
    version: versionOf(session),
    streamPresent: session.kind === 'events',
    deleted: record !== undefined || session.kind === 'deleted',
    ...(record ? { deletion: record } : {}),
  };
}

function loadedWorkstation(read: StreamRead): LoadedWorkstation {
  const events = eventsOf(read)
    .map(toWorkstationEvent)
    .filter((event): event is WorkstationEvent => event !== undefined);
  return { events, version: versionOf(read) };
}

/**
 * The one read of a command: every stream it asked for, at once. (The store's streams are read
 * one request each today; a multi-stream read of the port replaces this body alone.)
 */
export async function loadCommandContext(
  store: EventStore,
  reads: ContextReads,
): Promise<CommandContext> {
  const { sessionId, professionalId } = reads;
  const [session, deletion, workstation] = await Promise.all([
    sessionId === undefined ? ABSENT : readStream(store, sessionStream(sessionId)),
    sessionId === undefined ? ABSENT : readStream(store, sessionDeletionStream(sessionId)),
    professionalId === undefined ? ABSENT : readStream(store, workstationStream(professionalId)),
  ]);
  return {
    ...(sessionId === undefined ? {} : { session: loadedSession(sessionId, session, deletion) }),
    ...(professionalId === undefined ? {} : { workstation: loadedWorkstation(workstation) }),
  };
}
