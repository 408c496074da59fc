import { InvalidNotifyClientError, SessionAlreadyCancelledError } from '../errors';
import {
  before,
  cancelSession,
  clientCharged,
  DeciderSpecification,
  sessionCancelled,
  sessionScheduled,
  STARTS_AT,
} from '../testing';
import { sessionDecider } from './session-decider';

const spec = DeciderSpecification.for(sessionDecider);
const at = before(STARTS_AT, { hours: 2 });
const cancelled = {
  type: 'SessionCancelled' as const,
  data: {
    reason: 'cancelled-by-client' as const,
    noticeMinutes: 120,
    late: true,
    cancelledAt: at.toISOString(),
  },
};
const charged = {
  type: 'ClientCharged' as const,
  data: { method: 'card' as const, amountMinor: 12000, currency: 'EUR' },
};
const notification = {
  type: 'NotificationRequested' as const,
  data: { channel: 'default' as const },
};

describe('Outcome of a cancellation', () => {
  it('requests a notification to the client by default', () => {
    spec.given([sessionScheduled()]).at(at).when(cancelSession()).then([cancelled, notification]);
  });

  it('requests a notification when notifyClient is true', () => {
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ notifyClient: true }))
      .then([cancelled, notification]);
  });

  it('requests no notification when notifyClient is false', () => {
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ notifyClient: false }))
      .then([cancelled]);
  });

  it('refuses a notifyClient that is not a boolean (400)', () => {
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ notifyClient: 'yes' as unknown as boolean }))
      .thenThrows(InvalidNotifyClientError);
  });

  it('emits the trio in order: SessionCancelled, ClientCharged, NotificationRequested', () => {
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ charge: { method: 'card' } }))
      .then([cancelled, charged, notification]);
  });

  it('emits SessionCancelled then ClientCharged when charging without notifying', () => {
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ charge: { method: 'card' }, notifyClient: false }))
      .then([cancelled, charged]);
  });

  it('refuses to cancel a cancelled session (409)', () => {
    spec
      .given([sessionScheduled(), sessionCancelled()])
      .at(at)
      .when(cancelSession())
      .thenThrows(SessionAlreadyCancelledError);
  });

  it('refuses to cancel a cancelled and charged session (409)', () => {
    spec
      .given([sessionScheduled(), sessionCancelled(), clientCharged()])
      .at(at)
      .when(cancelSession({ charge: { method: 'card' } }))
      .thenThrows('session-already-cancelled');
  });
});
