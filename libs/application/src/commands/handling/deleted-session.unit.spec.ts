import {
  SessionAlreadyExistsError,
  SessionDeletedError,
  SessionNotFoundError,
  type SessionState,
} from '@app/domain';
import type { CommandRequest } from './command-request';
import { deletedSessionRefusal } from './deleted-session';
import type { LoadedSession } from './load-command-context';

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
const session = (withRecord = true): LoadedSession => ({
  sessionId: 's',
  state: withRecord ? deleted : { status: 'not-scheduled' },
  version: -1,
  streamPresent: false,
  deleted: true,
  events: [],
  ...(withRecord && deleted.status === 'deleted' ? { deletion: deleted.deletion } : {}),
});
const owner = { userId: 'pro-1', role: 'professional' as const };
const claim = { scope: { caller: 'pro-1', method: 'POST', path: '/x', key: 'k' }, token: 't' };
const withKey = (actor = owner): CommandRequest => ({ actor, idempotency: claim });

describe('a command on a deleted session', () => {
  it('is a replay with an Idempotency-Key: 410', () => {
    expect(deletedSessionRefusal('gone', session(), withKey())).toBeInstanceOf(SessionDeletedError);
  });
  it('is a new request without one: 404', () => {
    expect(deletedSessionRefusal('gone', session(), { actor: owner })).toBeInstanceOf(
      SessionNotFoundError,
    );
  });
  it('tells another professional nothing: 404 even with a key', () => {
    const stranger = { userId: 'pro-2', role: 'professional' as const };
    expect(deletedSessionRefusal('gone', session(), withKey(stranger))).toBeInstanceOf(
      SessionNotFoundError,
    );
  });
  it('treats a tombstone without a record as deleted', () => {
    expect(deletedSessionRefusal('gone', session(false), withKey())).toBeInstanceOf(
      SessionDeletedError,
    );
  });
  it('keeps the id taken for a schedule (409) and answers a repeated delete 404', () => {
    const taken = deletedSessionRefusal('id-taken', session(), withKey());
    expect(taken).toBeInstanceOf(SessionAlreadyExistsError);
    expect((taken as SessionAlreadyExistsError).deleted).toBe(true);
    expect(deletedSessionRefusal('finish-deletion', session(), withKey())).toBeInstanceOf(
      SessionNotFoundError,
    );
  });
});
