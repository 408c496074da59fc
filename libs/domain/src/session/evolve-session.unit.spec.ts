import { fold } from '../common';
import { clientCharged, sessionCancelled, sessionDeleted, sessionScheduled } from '../testing';
import { sessionDecider } from './session-decider';

const notification = {
  type: 'NotificationRequested' as const,
  data: { channel: 'default' as const },
};
const state = (...events: Parameters<typeof sessionDecider.evolve>[1][]) =>
  fold(sessionDecider, events);

describe('Session state folded from its history', () => {
  it('starts not scheduled', () => {
    expect(state()).toEqual({ status: 'not-scheduled' });
  });

  it('is scheduled after SessionScheduled', () => {
    expect(state(sessionScheduled())).toEqual({
      status: 'scheduled',
      session: sessionScheduled().data,
      notificationRequested: false,
    });
  });

  it('keeps the cancellation, the charge and the notification request', () => {
    expect(
      state(sessionScheduled(), sessionCancelled(), clientCharged(5000), notification),
    ).toEqual({
      status: 'cancelled',
      session: sessionScheduled().data,
      cancellation: sessionCancelled().data,
      charge: clientCharged(5000).data,
      notificationRequested: true,
    });
  });

  it('is deleted once the deletion record is folded, whatever the stream still holds', () => {
    const deleted = { status: 'deleted', deletion: sessionDeleted().data };
    expect(state(sessionScheduled(), sessionCancelled(), sessionDeleted())).toEqual(deleted);
    expect(
      state(sessionDeleted(), sessionScheduled(), sessionCancelled(), clientCharged()),
    ).toEqual(deleted);
  });

  it('ignores events that make no sense in the current state', () => {
    expect(state(sessionCancelled(), clientCharged(), notification)).toEqual({
      status: 'not-scheduled',
    });
    const scheduledTwice = state(sessionScheduled(), sessionScheduled({ clientId: 'other' }));
    expect(scheduledTwice).toEqual(state(sessionScheduled()));
    const cancelledTwice = state(
      sessionScheduled(),
      sessionCancelled(),
      sessionCancelled({ reason: 'other', note: 'x' }),
    );
    expect(cancelledTwice).toEqual(state(sessionScheduled(), sessionCancelled()));
  });
});
