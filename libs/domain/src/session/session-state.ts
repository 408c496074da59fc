import {
  type ClientChargedData,
  type SessionCancelledData,
  type SessionDeletedData,
  type SessionScheduledData,
} from '../events';

type Tracked = Readonly<{
  session: SessionScheduledData;
  /** Kept outside `cancellation` so a charge in any imported history still blocks a delete. */
  charge?: ClientChargedData;
  notificationRequested: boolean;
}>;

export type NotScheduledSession = Readonly<{ status: 'not-scheduled' }>;
export type ScheduledSession = Tracked & Readonly<{ status: 'scheduled' }>;
export type CancelledSession = Tracked &
  Readonly<{ status: 'cancelled'; cancellation: SessionCancelledData }>;
/** A deletion record exists: the session is gone whatever its own stream still holds. */
export type DeletedSession = Readonly<{ status: 'deleted'; deletion: SessionDeletedData }>;

export type SessionState =
  NotScheduledSession | ScheduledSession | CancelledSession | DeletedSession;
export type ExistingSession = ScheduledSession | CancelledSession;

export function initialSessionState(): SessionState {
  return { status: 'not-scheduled' };
}
