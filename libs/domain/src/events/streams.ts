import { SESSION_DELETED } from './session-deleted';

export const SESSION_STREAM_PREFIX = 'session-';
export const WORKSTATION_STREAM_PREFIX = 'workstation-';
/** Also the category name (`session-deletion`) that auditors list deletions by. */
export const SESSION_DELETION_CATEGORY = 'session-deletion';
const SESSION_DELETION_PREFIX = `${SESSION_DELETION_CATEGORY}-`;

export function sessionStream(sessionId: string): string {
  return `${SESSION_STREAM_PREFIX}${sessionId}`;
}

export function workstationStream(professionalId: string): string {
  return `${WORKSTATION_STREAM_PREFIX}${professionalId}`;
}

export function sessionDeletionStream(sessionId: string): string {
  return `${SESSION_DELETION_PREFIX}${sessionId}`;
}

/** A stream of a session: its own (`session-<id>`) or its deletion record's. */
export type SessionStreamOf = Readonly<{ kind: 'session' | 'deletion'; sessionId: string }>;

/**
 * The session a stream belongs to; undefined for other streams (workstations). A session whose id
 * starts with `deletion-` has the stream `session-deletion-...` too, so the prefix alone is
 * ambiguous: given the event type, only SessionDeleted lives in a deletion stream; without it,
 * the deletion category wins.
 */
export function sessionStreamOf(streamId: string, type?: string): SessionStreamOf | undefined {
  const deletion = streamId.startsWith(SESSION_DELETION_PREFIX);
  if (type === SESSION_DELETED) {
    return deletion
      ? { kind: 'deletion', sessionId: streamId.slice(SESSION_DELETION_PREFIX.length) }
      : undefined;
  }
  if (type === undefined && deletion) {
    return { kind: 'deletion', sessionId: streamId.slice(SESSION_DELETION_PREFIX.length) };
  }
  return streamId.startsWith(SESSION_STREAM_PREFIX)
    ? { kind: 'session', sessionId: streamId.slice(SESSION_STREAM_PREFIX.length) }
    : undefined;
}
