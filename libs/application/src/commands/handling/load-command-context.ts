import { chainOf } from '@app/audit';
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
import type { EventStore, RecordedEvent, StreamContents } from '@app/event-store';

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
  /** The session stream's events as read (a deletion lists them). */
  readonly events: readonly RecordedEvent[];
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
  /** The chain hash of each stream's last event as read: what the next append links to. */
  readonly heads: ReadonlyMap<string, string>;
}

/** The head an append to `streamId` chains after, as a spreadable field. */
export function headHashOf(
  context: CommandContext,
  streamId: string,
): { readonly headHash?: string } {
  const headHash = context.heads.get(streamId);
  return headHash === undefined ? {} : { headHash };
}

function versionOf(read: StreamContents): number {
  return read.kind === 'events' ? read.version : -1;
}

function eventsOf(read: StreamContents): readonly RecordedEvent[] {
  return read.kind === 'events' ? read.events : [];
}

function loadedSession(
  sessionId: string,
  session: StreamContents,
  deletion: StreamContents,
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
    events: eventsOf(session),
  };
}

function loadedWorkstation(read: StreamContents): LoadedWorkstation {
  const events = eventsOf(read)
    .map(toWorkstationEvent)
    .filter((event): event is WorkstationEvent => event !== undefined);
  return { events, version: versionOf(read) };
}

/**
 * The one read of a command: every stream it asked for, in ONE request to the store (one round
 * trip and one snapshot on the SQL stores). Absent and deleted streams are answers, not errors.
 */
export async function loadCommandContext(
  store: EventStore,
  reads: ContextReads,
): Promise<CommandContext> {
  const { sessionId, professionalId } = reads;
  const streams = [
    ...(sessionId === undefined
      ? []
      : [sessionStream(sessionId), sessionDeletionStream(sessionId)]),
    ...(professionalId === undefined ? [] : [workstationStream(professionalId)]),
  ];
  const read = await store.readStreams(streams);
  const at = (index: number): StreamContents => {
    const contents = read[index];
    if (contents === undefined)
      throw new Error(`readStreams answered no contents for ${streams[index]}`);
    return contents;
  };
  const heads = new Map<string, string>();
  streams.forEach((streamId, index) => {
    const last = eventsOf(at(index)).at(-1);
    const hash = last === undefined ? undefined : chainOf(last.metadata)?.hash;
    if (hash !== undefined) heads.set(streamId, hash);
  });
  return {
    heads,
    ...(sessionId === undefined ? {} : { session: loadedSession(sessionId, at(0), at(1)) }),
    ...(professionalId === undefined
      ? {}
      : { workstation: loadedWorkstation(at(sessionId === undefined ? 0 : 2)) }),
  };
}
