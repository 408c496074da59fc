import { type Actor, type Event } from '../common';

export const SESSION_DELETED = 'SessionDeleted';
export const SESSION_DELETED_SCHEMA_VERSION = 1;

export const DELETION_REASON = 'booked-by-mistake';

/**
 * One event a deletion removed, as the audit's seals know it (docs/audit.md, "Deletion"): its
 * global position, stream version and chain hash (null for an event written before the chain).
 */
export type RemovedEvent = Readonly<{ position: string; version: number; hash: string | null }>;

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
  /** Every event of the session's stream, in version order; absent in records written before. */
  removedEvents?: readonly RemovedEvent[];
}>;

export type SessionDeleted = Event<typeof SESSION_DELETED, SessionDeletedData>;
