import { type Actor, type Event } from '../common';

export const SESSION_DELETED = 'SessionDeleted';
export const SESSION_DELETED_SCHEMA_VERSION = 1;

export const DELETION_REASON = 'booked-by-mistake';

/**
 * The deletion record: what is left once a session booked by mistake is erased. It lives in its own
 * stream (sessionDeletionStream) and holds no personal data, only ids.
 */
export type SessionDeletedData = Readonly<{
  sessionId: string;
  professionalId: string;
  deletedBy: Actor;
  deletedAt: string;
  reason: typeof DELETION_REASON;
}>;

export type SessionDeleted = Event<typeof SESSION_DELETED, SessionDeletedData>;
