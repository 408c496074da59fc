export const SESSION_STREAM_PREFIX = 'session-';
export const WORKSTATION_STREAM_PREFIX = 'workstation-';
/** Also the category name (`session-deletion`) that auditors list deletions by. */
export const SESSION_DELETION_CATEGORY = 'session-deletion';

export function sessionStream(sessionId: string): string {
  return `${SESSION_STREAM_PREFIX}${sessionId}`;
}

export function workstationStream(professionalId: string): string {
  return `${WORKSTATION_STREAM_PREFIX}${professionalId}`;
}

export function sessionDeletionStream(sessionId: string): string {
  return `${SESSION_DELETION_CATEGORY}-${sessionId}`;
}
