import {
  InvalidSessionIdError,
  SessionChargedCannotDeleteError,
  SessionNotFoundError,
} from '../errors';
import { sessionDeletionStream } from '../events';
import {
  admin,
  clientCharged,
  DeciderSpecification,
  deleteSession,
  PROFESSIONAL_ID,
  professional,
  SESSION_ID,
  sessionCancelled,
  sessionDeleted,
  sessionScheduled,
} from '../testing';
import { sessionDecider } from './session-decider';

const spec = DeciderSpecification.for(sessionDecider);
const now = '2026-03-05T12:00:00.000Z';
const deletionRecord = (deletedBy = professional()) => ({
  type: 'SessionDeleted' as const,
  data: {
    sessionId: SESSION_ID,
    professionalId: PROFESSIONAL_ID,
    deletedBy,
    deletedAt: now,
    reason: 'booked-by-mistake' as const,
  },
});

describe('Deleting a session booked by mistake', () => {
  it('deletes a scheduled session, leaving a deletion record', () => {
    spec.given([sessionScheduled()]).at(now).when(deleteSession()).then([deletionRecord()]);
  });

  it('deletes a cancelled session that was never charged', () => {
    spec
      .given([sessionScheduled(), sessionCancelled()])
      .at(now)
      .when(deleteSession())
      .then([deletionRecord()]);
  });

  it('keeps in the record the actor who deleted, and nothing personal', () => {
    spec
      .given([sessionScheduled()])
      .at(now)
      .when(deleteSession(admin()))
      .then([deletionRecord(admin())]);
  });

  it('refuses to delete a charged session (422: money moved)', () => {
    spec
      .given([sessionScheduled(), sessionCancelled(), clientCharged()])
      .at(now)
      .when(deleteSession())
      .thenThrows(SessionChargedCannotDeleteError);
  });

  it('answers not found when deleting twice', () => {
    spec
      .given([sessionScheduled(), sessionDeleted()])
      .at(now)
      .when(deleteSession())
      .thenThrows((error) => error instanceof SessionNotFoundError && error.deleted);
  });

  it('answers not found after deletion even when the session stream was not removed yet', () => {
    spec
      .given([sessionScheduled(), sessionCancelled(), sessionDeleted()])
      .at(now)
      .when(deleteSession())
      .thenThrows('session-not-found');
  });

  it('answers not found for a session never scheduled', () => {
    spec.given([]).at(now).when(deleteSession()).thenThrows('session-not-found');
  });

  it.each(['', 's\u0000', 'x'.repeat(201)])('refuses the session id %j (400 before 404)', (id) => {
    spec
      .given([])
      .at(now)
      .when({ type: 'DeleteSession', data: { sessionId: id, actor: professional() } })
      .thenThrows(InvalidSessionIdError);
  });

  it('names the deletion record stream after the session', () => {
    expect(sessionDeletionStream(SESSION_ID)).toBe(`session-deletion-${SESSION_ID}`);
  });
});
