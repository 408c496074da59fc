import {
  initialSessionState,
  sessionDecider,
  toSessionEvent,
  type CancelledSession,
  type SessionCancelledData,
  type SessionState,
} from '@app/domain';
import type { EventStore } from '@app/event-store';
import { loadSessionEvents, type DeletedSessionAnswer } from './session-history';
import { isOwner, type Viewer } from './redaction';

/** As of a stream version (inclusive) or an instant (events recorded at or before it). */
export type AsOf = { readonly version: number } | { readonly at: string };

type RedactedCancellation = Omit<SessionCancelledData, 'note'> & {
  readonly note?: string;
  readonly hasPrivateNote: boolean;
};

export type SessionStateView =
  | Exclude<SessionState, CancelledSession>
  | (Omit<CancelledSession, 'cancellation'> & { readonly cancellation: RedactedCancellation });

export type SessionStateAnswer =
  | {
      readonly kind: 'state';
      readonly sessionId: string;
      readonly professionalId: string | undefined;
      readonly asOf: AsOf;
      /** Stream version of the last event folded; -1 when none was. */
      readonly version: number;
      readonly state: SessionStateView;
      /** Events folded although their stored data could not be upcast (legacy imports). */
      readonly unreadableVersions: readonly number[];
    }
  | DeletedSessionAnswer
  | { readonly kind: 'not-found'; readonly sessionId: string };

function redactState(state: SessionState, owner: boolean): SessionStateView {
  if (state.status !== 'cancelled') return state;
  const { note, ...rest } = state.cancellation;
  const hasPrivateNote = note !== undefined;
  return {
    ...state,
    cancellation:
      owner && hasPrivateNote ? { ...rest, note, hasPrivateNote } : { ...rest, hasPrivateNote },
  };
}

/**
 * Replays the session's history through the domain's own evolve (the same fold the command side
 * uses), up to a version or an instant. Instants compare with the store's recordedAt: when the
 * event became part of the record.
 */
export async function sessionStateAt(
  store: EventStore,
  sessionId: string,
  asOf: AsOf,
  viewer: Viewer,
): Promise<SessionStateAnswer> {
  const history = await loadSessionEvents(store, sessionId);
  if (history.kind !== 'events') return history;
  const limit = 'at' in asOf ? Date.parse(asOf.at) : undefined;
  let state = initialSessionState();
  let version = -1;
  const unreadableVersions: number[] = [];
  for (const event of history.events) {
    const included =
      'version' in asOf
        ? event.streamVersion <= asOf.version
        : Date.parse(event.recordedAt) <= (limit ?? 0);
    if (!included) break;
    const domainEvent = toSessionEvent(event);
    if (domainEvent === undefined) continue;
    if (event.upcastError) unreadableVersions.push(event.streamVersion);
    state = sessionDecider.evolve(state, domainEvent);
    version = event.streamVersion;
  }
  return {
    kind: 'state',
    sessionId,
    professionalId: history.professionalId,
    asOf,
    version,
    state: redactState(state, isOwner(viewer, history.professionalId)),
    unreadableVersions,
  };
}
