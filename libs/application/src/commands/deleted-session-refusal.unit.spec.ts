import {
  initialSessionState,
  SessionDeletedError,
  SessionNotFoundError,
  type SessionState,
} from '@app/domain';
import type { LoadedSession } from '../shared';
import { refuseDeletedSession } from './deleted-session-refusal';

const deleted: SessionState = {
  status: 'deleted',
  deletion: {
    sessionId: 's',
    professionalId: 'pro-1',
    deletedBy: { userId: 'pro-1', role: 'professional' },
    deletedAt: '2026-01-01T00:00:00.000Z',
    reason: 'booked-by-mistake',
  },
};
const loaded = (state: SessionState, streamDeleted = false): LoadedSession => ({
  sessionId: 's',
  state,
  version: -1,
  events: [],
  streamPresent: false,
  streamDeleted,
  ...(state.status === 'deleted' ? { deletion: state.deletion } : {}),
});
const owner = { userId: 'pro-1', role: 'professional' as const };

describe('a command on a deleted session', () => {
  it('is a replay with an Idempotency-Key: 410', () => {
    expect(() => refuseDeletedSession(loaded(deleted), owner, true)).toThrow(SessionDeletedError);
  });
  it('is a new request without one: 404', () => {
    expect(() => refuseDeletedSession(loaded(deleted), owner, false)).toThrow(SessionNotFoundError);
  });
  it('tells another professional nothing: 404 even with a key', () => {
    const stranger = { userId: 'pro-2', role: 'professional' as const };
    expect(() => refuseDeletedSession(loaded(deleted), stranger, true)).toThrow(
      SessionNotFoundError,
    );
  });
  it('treats a tombstone without a record as deleted', () => {
    expect(() => refuseDeletedSession(loaded(initialSessionState(), true), owner, true)).toThrow(
      SessionDeletedError,
    );
  });
  it('lets a live session through', () => {
    expect(() => refuseDeletedSession(loaded(initialSessionState()), owner, true)).not.toThrow();
  });
});
