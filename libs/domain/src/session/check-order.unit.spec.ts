import { type DomainError, SessionNotFoundError } from '../errors';
import {
  admin,
  after,
  before,
  cancelSession,
  DeciderSpecification,
  deleteSession,
  DURATION_MINUTES,
  professional,
  sessionCancelled,
  sessionDeleted,
  sessionScheduled,
  sponsoredSessionScheduled,
  STARTS_AT,
} from '../testing';
import { sessionDecider } from './session-decider';

const spec = DeciderSpecification.for(sessionDecider);
const at = before(STARTS_AT, { hours: 2 });
const category = (expected: DomainError['category']) => (error: unknown) =>
  (error as DomainError).category === expected;

describe('Ownership: another professional learns nothing about a session', () => {
  it('answers not found when another professional cancels', () => {
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ actor: professional('pro-2') }))
      .thenThrows(SessionNotFoundError);
  });

  it('answers not found when another professional deletes', () => {
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(deleteSession(professional('pro-2')))
      .thenThrows('session-not-found');
  });

  it('answers not found, not conflict, for another professional cancelling a cancelled session', () => {
    spec
      .given([sessionScheduled(), sessionCancelled()])
      .at(at)
      .when(cancelSession({ actor: professional('pro-2') }))
      .thenThrows('session-not-found');
  });

  it('lets a non-professional actor through (the API allows only owners, this is defence in depth)', () => {
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ actor: admin(), notifyClient: false }))
      .then([
        {
          type: 'SessionCancelled',
          data: {
            reason: 'cancelled-by-client',
            noticeMinutes: 120,
            late: true,
            cancelledAt: at.toISOString(),
          },
        },
      ]);
  });

  it('answers not found for a session never scheduled', () => {
    spec
      .given([])
      .at(at)
      .when(cancelSession())
      .thenThrows((error) => error instanceof SessionNotFoundError && !error.deleted);
  });

  it('answers not found, flagged deleted, for a deleted session', () => {
    spec
      .given([sessionScheduled(), sessionDeleted()])
      .at(at)
      .when(cancelSession())
      .thenThrows((error) => error instanceof SessionNotFoundError && error.deleted);
  });
});

describe('Refusals follow the catalogue order: 400, 404, 409, 422', () => {
  it('400 before 404: other without a note on a missing session', () => {
    spec
      .given([])
      .at(at)
      .when(cancelSession({ reason: 'other' }))
      .thenThrows('note-required');
  });

  it("400 before 404: a note with another reason on another professional's session", () => {
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ note: 'x', actor: professional('pro-2') }))
      .thenThrows('note-not-allowed');
  });

  it('400 before 404: a zero amount on a deleted session', () => {
    spec
      .given([sessionScheduled(), sessionDeleted()])
      .at(at)
      .when(cancelSession({ charge: { method: 'card', amountMinor: 0 } }))
      .thenThrows(category('invalid'));
  });

  it('400 before 409: a note over 500 characters on a cancelled session', () => {
    spec
      .given([sessionScheduled(), sessionCancelled()])
      .at(at)
      .when(cancelSession({ reason: 'other', note: 'x'.repeat(501) }))
      .thenThrows('note-too-long');
  });

  it('400 before 422: amountMinor with sponsored-credits on a direct session', () => {
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ charge: { method: 'sponsored-credits', amountMinor: 1 } }))
      .thenThrows('amount-with-credits');
  });

  it('404 before 422: a charge above the fee on a missing session', () => {
    spec
      .given([])
      .at(at)
      .when(cancelSession({ charge: { method: 'card', amountMinor: 999_999 } }))
      .thenThrows('session-not-found');
  });

  it('409 before 422: cancelling a cancelled session with a charge above the fee', () => {
    spec
      .given([sessionScheduled(), sessionCancelled()])
      .at(at)
      .when(cancelSession({ charge: { method: 'card', amountMinor: 999_999 } }))
      .thenThrows(category('conflict'));
  });

  it('409 before 422: a no-show before the start on a cancelled session', () => {
    spec
      .given([sessionScheduled(), sessionCancelled()])
      .at(at)
      .when(cancelSession({ reason: 'client-no-show' }))
      .thenThrows('session-already-cancelled');
  });

  it("the reason's timing is judged before the charge", () => {
    spec
      .given([sessionScheduled()])
      .at(after(STARTS_AT, { minutes: DURATION_MINUTES + 1 }))
      .when(cancelSession({ charge: { method: 'card', amountMinor: 999_999 } }))
      .thenThrows('reason-not-allowed-after-end');
  });

  it("how the session is paid is judged before the method's availability", () => {
    spec
      .given([sponsoredSessionScheduled()])
      .at(at)
      .when(cancelSession({ charge: { method: 'card' }, enabledMethods: [] }))
      .thenThrows('method-not-allowed-for-sponsored-session');
  });

  it("a zero fee is judged before the method's availability", () => {
    spec
      .given([sessionScheduled({ fee: { amountMinor: 0, currency: 'EUR' } })])
      .at(at)
      .when(cancelSession({ charge: { method: 'card' }, enabledMethods: [] }))
      .thenThrows('zero-fee-session-not-chargeable');
  });

  it("the method's availability is judged before the amount", () => {
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ charge: { method: 'card', amountMinor: 999_999 }, enabledMethods: [] }))
      .thenThrows('payment-method-not-enabled');
  });
});
