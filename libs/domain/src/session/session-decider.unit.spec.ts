import { initialWorkstationState, decideWorkstation } from '../workstation';
import { cancelSession, deleteSession, scheduleSession, sessionScheduled } from '../testing';
import { decideSession, sessionDecider } from './session-decider';

const now = new Date('2026-03-01T00:00:00Z');

describe('The session decider', () => {
  it('routes each command to its decision', () => {
    const initial = sessionDecider.initialState();
    expect(decideSession(scheduleSession(), initial, now).map((e) => e.type)).toEqual([
      'SessionScheduled',
    ]);
    const scheduled = sessionDecider.evolve(initial, sessionScheduled());
    expect(decideSession(cancelSession(), scheduled, now).map((e) => e.type)).toEqual([
      'SessionCancelled',
      'NotificationRequested',
    ]);
    expect(decideSession(deleteSession(), scheduled, now).map((e) => e.type)).toEqual([
      'SessionDeleted',
    ]);
  });

  it('decides workstation commands whatever the current configuration', () => {
    const events = decideWorkstation(
      { type: 'ConfigureWorkstationPaymentMethods', data: { professionalId: 'p', methods: [] } },
      initialWorkstationState(),
      now,
    );
    expect(events).toEqual([
      { type: 'PaymentMethodsConfigured', data: { professionalId: 'p', methods: [] } },
    ]);
  });
});
