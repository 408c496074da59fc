/** Stream naming (PRODUCT.md): `session-<id>`, `session-deletion-<id>`, `workstation-<id>`. */
const SESSION = 'session-';
const DELETION = 'session-deletion-';

/**
 * The session an event belongs to, from its stream id; undefined for other streams. The event
 * type decides which prefix applies: a session whose id itself starts with `deletion-` has the
 * stream `session-deletion-...` too, so the prefix alone is ambiguous.
 */
export function sessionIdOfStream(streamId: string, type?: string): string | undefined {
  if (type === 'SessionDeleted') {
    return streamId.startsWith(DELETION) ? streamId.slice(DELETION.length) : undefined;
  }
  if (type === undefined && streamId.startsWith(DELETION)) return streamId.slice(DELETION.length);
  if (streamId.startsWith(SESSION)) return streamId.slice(SESSION.length);
  return undefined;
}

export const sessionStreamId = (sessionId: string): string => `${SESSION}${sessionId}`;
export const deletionStreamId = (sessionId: string): string => `${DELETION}${sessionId}`;
