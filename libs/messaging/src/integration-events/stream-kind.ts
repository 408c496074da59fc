import { SESSION_DELETION_CATEGORY, SESSION_STREAM_PREFIX } from '@app/domain';

export type StreamKind =
  | { readonly kind: 'session'; readonly sessionId: string }
  | { readonly kind: 'deletion'; readonly sessionId: string }
  | { readonly kind: 'other' };

const DELETION_PREFIX = `${SESSION_DELETION_CATEGORY}-`;

/**
 * Which stream an event comes from. `session-deletion-<id>` also starts with `session-`, so the
 * deletion category is tested first. Workstation streams (and anything else) are not published.
 */
export function streamKind(streamId: string): StreamKind {
  if (streamId.startsWith(DELETION_PREFIX)) {
    return { kind: 'deletion', sessionId: streamId.slice(DELETION_PREFIX.length) };
  }
  if (streamId.startsWith(SESSION_STREAM_PREFIX)) {
    return { kind: 'session', sessionId: streamId.slice(SESSION_STREAM_PREFIX.length) };
  }
  return { kind: 'other' };
}
