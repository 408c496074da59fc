import {
  type SessionEvent,
  isSessionEventType,
  isWorkstationEventType,
  SCHEMA_VERSIONS,
  schemaVersionOf,
} from './domain-event';
import { eventDataToJson, toSessionEvent, toWorkstationEvent } from './event-json';
import { sessionDeletionStream, sessionStream, workstationStream } from './streams';

describe('Event schema versions', () => {
  it('are those of the contract', () => {
    expect(SCHEMA_VERSIONS).toEqual({
      SessionScheduled: 1,
      SessionCancelled: 1,
      ClientCharged: 2,
      NotificationRequested: 1,
      SessionDeleted: 1,
      PaymentMethodsConfigured: 1,
    });
  });

  it('are found from an event', () => {
    expect(schemaVersionOf({ type: 'ClientCharged' })).toBe(2);
  });

  it('come from the one list that also says which fold each type belongs to', () => {
    const types = Object.keys(SCHEMA_VERSIONS);
    expect(types.filter(isSessionEventType)).toEqual([
      'SessionScheduled',
      'SessionCancelled',
      'ClientCharged',
      'NotificationRequested',
      'SessionDeleted',
    ]);
    expect(types.filter(isWorkstationEventType)).toEqual(['PaymentMethodsConfigured']);
    expect(isSessionEventType('constructor')).toBe(false);
    expect(isWorkstationEventType('toString')).toBe(false);
  });
});

describe('Stream names', () => {
  it('are session-<id>, workstation-<professionalId> and session-deletion-<id>', () => {
    expect(sessionStream('42')).toBe('session-42');
    expect(workstationStream('pro-1')).toBe('workstation-pro-1');
    expect(sessionDeletionStream('42')).toBe('session-deletion-42');
  });
});

describe('Events to and from stored JSON', () => {
  const cancelled: SessionEvent = {
    type: 'SessionCancelled',
    data: {
      reason: 'cancelled-by-client',
      note: undefined,
      noticeMinutes: -3,
      late: true,
      cancelledAt: '2026-03-10T10:03:00.000Z',
    },
  };

  it('stores plain JSON, leaving absent fields out', () => {
    expect(eventDataToJson(cancelled)).toStrictEqual({
      reason: 'cancelled-by-client',
      noticeMinutes: -3,
      late: true,
      cancelledAt: '2026-03-10T10:03:00.000Z',
    });
  });

  it('reads back session and workstation events by type', () => {
    const data = eventDataToJson(cancelled);
    expect(toSessionEvent({ type: 'SessionCancelled', data })).toEqual({
      type: 'SessionCancelled',
      data,
    });
    const configured = { professionalId: 'p', methods: ['card'] };
    expect(toWorkstationEvent({ type: 'PaymentMethodsConfigured', data: configured })).toEqual({
      type: 'PaymentMethodsConfigured',
      data: configured,
    });
  });

  it('answers undefined for a type of another stream or an unknown one', () => {
    expect(toSessionEvent({ type: 'PaymentMethodsConfigured', data: {} })).toBeUndefined();
    expect(toWorkstationEvent({ type: 'SessionCancelled', data: {} })).toBeUndefined();
    expect(toSessionEvent({ type: 'Unknown', data: {} })).toBeUndefined();
  });
});
