import { MalformedEventError, readSessionEvent } from './read-session-event';
import { sessionStreamOf } from './streams';

const scheduled = {
  sessionId: 's1',
  professionalId: 'pro-1',
  clientId: 'client-1',
  startsAt: '2026-03-10T09:00:00.000Z',
  timeZone: 'Europe/Berlin',
  durationMinutes: 50,
  fee: { amountMinor: 12000, currency: 'EUR' },
  payment: { kind: 'direct' },
};
const cancelled = {
  reason: 'other',
  note: 'private',
  noticeMinutes: 30,
  late: true,
  cancelledAt: '2026-03-10T08:30:00.000Z',
};
const deleted = {
  sessionId: 's1',
  professionalId: 'pro-1',
  deletedBy: { userId: 'pro-1', role: 'professional' },
  deletedAt: '2026-03-01T00:00:00.000Z',
  reason: 'booked-by-mistake',
};

const read = (type: string, data: unknown, streamId = 's1') =>
  readSessionEvent({
    streamId: type === 'SessionDeleted' ? `session-deletion-${streamId}` : `session-${streamId}`,
    type,
    data,
  });

const failure = (type: string, data: unknown, streamId?: string): string => {
  try {
    read(type, data, streamId);
  } catch (error) {
    expect(error).toBeInstanceOf(MalformedEventError);
    expect((error as MalformedEventError).code).toBe('malformed-event');
    return (error as MalformedEventError).field;
  }
  throw new Error(`${type} was read although malformed`);
};

describe('Reading stored session events strictly', () => {
  it('reads every well-formed session event with the session its stream names', () => {
    expect(read('SessionScheduled', scheduled)).toEqual({
      sessionId: 's1',
      event: { type: 'SessionScheduled', data: scheduled },
    });
    const sponsored = { ...scheduled, payment: { kind: 'sponsored-credits', credits: 2 } };
    expect(read('SessionScheduled', sponsored)?.event.data).toBe(sponsored);
    expect(read('SessionCancelled', cancelled)?.event.type).toBe('SessionCancelled');
    const { note: _note, ...withoutNote } = cancelled;
    expect(read('SessionCancelled', withoutNote)?.sessionId).toBe('s1');
    expect(
      read('ClientCharged', { method: 'card', amountMinor: 100, currency: 'EUR' })?.event.type,
    ).toBe('ClientCharged');
    expect(read('ClientCharged', { method: 'sponsored-credits', credits: 2 })?.sessionId).toBe(
      's1',
    );
    expect(read('NotificationRequested', { channel: 'default' })?.event.type).toBe(
      'NotificationRequested',
    );
    expect(read('SessionDeleted', deleted)).toEqual({
      sessionId: 's1',
      event: { type: 'SessionDeleted', data: deleted },
    });
  });

  it('answers undefined for other streams and for types sessions do not fold', () => {
    expect(
      readSessionEvent({ streamId: 'workstation-pro-1', type: 'SessionScheduled', data: {} }),
    ).toBeUndefined();
    expect(
      readSessionEvent({ streamId: 'session-s1', type: 'PaymentMethodsConfigured', data: {} }),
    ).toBeUndefined();
    expect(readSessionEvent({ streamId: 'session-s1', type: 'SomethingNew', data: {} })).toBe(
      undefined,
    );
    // A deletion record outside a deletion stream belongs to no session.
    expect(
      readSessionEvent({ streamId: 'session-s1', type: 'SessionDeleted', data: deleted }),
    ).toBe(undefined);
  });

  it('names the first field that does not have its type', () => {
    expect(failure('SessionScheduled', null)).toBe('data');
    expect(failure('SessionScheduled', [])).toBe('data');
    expect(failure('SessionScheduled', { ...scheduled, sessionId: '' })).toBe('sessionId');
    expect(failure('SessionScheduled', { ...scheduled, professionalId: 7 })).toBe('professionalId');
    expect(failure('SessionScheduled', { ...scheduled, clientId: undefined })).toBe('clientId');
    expect(failure('SessionScheduled', { ...scheduled, startsAt: 'tomorrow' })).toBe('startsAt');
    expect(failure('SessionScheduled', { ...scheduled, timeZone: null })).toBe('timeZone');
    expect(failure('SessionScheduled', { ...scheduled, durationMinutes: 50.5 })).toBe(
      'durationMinutes',
    );
    expect(failure('SessionScheduled', { ...scheduled, fee: 'x' })).toBe('fee');
    expect(
      failure('SessionScheduled', { ...scheduled, fee: { amountMinor: '12000', currency: 'EUR' } }),
    ).toBe('fee.amountMinor');
    expect(
      failure('SessionScheduled', { ...scheduled, fee: { amountMinor: 1, currency: '' } }),
    ).toBe('fee.currency');
    expect(failure('SessionScheduled', { ...scheduled, payment: { kind: 'cash' } })).toBe(
      'payment.kind',
    );
    expect(
      failure('SessionScheduled', { ...scheduled, payment: { kind: 'sponsored-credits' } }),
    ).toBe('payment.credits');
    expect(failure('SessionScheduled', scheduled, 'other')).toBe('sessionId');

    expect(failure('SessionCancelled', { ...cancelled, reason: 'bored' })).toBe('reason');
    expect(failure('SessionCancelled', { ...cancelled, note: 3 })).toBe('note');
    expect(failure('SessionCancelled', { ...cancelled, noticeMinutes: '30' })).toBe(
      'noticeMinutes',
    );
    expect(failure('SessionCancelled', { ...cancelled, late: 'yes' })).toBe('late');
    expect(failure('SessionCancelled', { ...cancelled, cancelledAt: '2026-02-30T00:00Z' })).toBe(
      'cancelledAt',
    );

    expect(failure('ClientCharged', { method: 'cash' })).toBe('method');
    expect(failure('ClientCharged', { method: 'sponsored-credits', credits: 'two' })).toBe(
      'credits',
    );
    expect(failure('ClientCharged', { method: 'card', amountMinor: 1.5, currency: 'EUR' })).toBe(
      'amountMinor',
    );
    expect(failure('ClientCharged', { method: 'invoice', amountMinor: 1 })).toBe('currency');
    expect(failure('NotificationRequested', { channel: 'sms' })).toBe('channel');

    expect(failure('SessionDeleted', { ...deleted, deletedBy: 'pro-1' })).toBe('deletedBy');
    expect(failure('SessionDeleted', { ...deleted, deletedBy: { role: 'admin' } })).toBe(
      'deletedBy.userId',
    );
    expect(
      failure('SessionDeleted', { ...deleted, deletedBy: { userId: 'u', role: 'root' } }),
    ).toBe('deletedBy.role');
    expect(failure('SessionDeleted', { ...deleted, deletedAt: 42 })).toBe('deletedAt');
    expect(failure('SessionDeleted', { ...deleted, reason: 'changed-my-mind' })).toBe('reason');
    expect(failure('SessionDeleted', deleted, 'other')).toBe('sessionId');
  });

  it('says which field and why in its message', () => {
    expect(() =>
      read('SessionScheduled', { ...scheduled, fee: { amountMinor: '1', currency: 'EUR' } }),
    ).toThrow('SessionScheduled.fee.amountMinor: expected an integer, got a string');
  });
});

describe('The session of a stream', () => {
  it('tells session streams from deletion records, with the event type settling ambiguity', () => {
    expect(sessionStreamOf('session-abc')).toEqual({ kind: 'session', sessionId: 'abc' });
    expect(sessionStreamOf('session-deletion-abc')).toEqual({ kind: 'deletion', sessionId: 'abc' });
    expect(sessionStreamOf('workstation-pro-1')).toBeUndefined();
    expect(sessionStreamOf('session-deletion-x', 'SessionScheduled')).toEqual({
      kind: 'session',
      sessionId: 'deletion-x',
    });
    expect(sessionStreamOf('session-deletion-x', 'SessionDeleted')).toEqual({
      kind: 'deletion',
      sessionId: 'x',
    });
    expect(sessionStreamOf('session-x', 'SessionDeleted')).toBeUndefined();
  });
});
