import { MalformedEventError, type SessionDeletedData } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { cancelledChargedNotified, deleted, PRIVATE_NOTE, recorded, scheduled } from '../testing';
import {
  createPayloadValidator,
  emptySessionView,
  evolveSessionView,
  mapSessionDeleted,
  mapSessionEvent,
  type IntegrationEventType,
  type IntegrationMessage,
} from '.';

const SESSION = '3f1c0d7e-8d8e-4b43-9a55-0d6f4e3b2a10';

function mapHistory(events: RecordedEvent[]): IntegrationMessage[] {
  let view = emptySessionView();
  return events.flatMap((event) => {
    view = evolveSessionView(view, event);
    return mapSessionEvent(event, view);
  });
}

const deletionMessages = (record: RecordedEvent): IntegrationMessage[] =>
  mapSessionDeleted(record, record.data as unknown as SessionDeletedData);

const history = (): RecordedEvent[] => [
  ...recorded(scheduled(SESSION), 0, 10),
  ...recorded(cancelledChargedNotified(SESSION), 1, 11),
];

describe('Integration event mapping', () => {
  const validate = createPayloadValidator();

  it('maps each session event to its topic, then the state after it', () => {
    const messages = mapHistory(history());
    expect(messages.map((m) => [m.role, m.headers.ce_type])).toEqual([
      ['lifecycle', 'sessions.session-scheduled.v1'],
      ['state', 'sessions.session-state.v1'],
      ['lifecycle', 'sessions.session-cancelled.v1'],
      ['state', 'sessions.session-state.v1'],
      ['lifecycle', 'sessions.client-charged.v1'],
      ['state', 'sessions.session-state.v1'],
      ['notifications', 'sessions.notification-requested.v1'],
      ['state', 'sessions.session-state.v1'],
    ]);
    expect(messages.every((m) => m.key === SESSION)).toBe(true);
  });

  it('sets CloudEvents binary-mode headers from the event and its metadata', () => {
    const events = history();
    const [scheduledMessage, stateMessage] = mapHistory(events);
    expect(scheduledMessage.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: events[0].eventId,
      ce_type: 'sessions.session-scheduled.v1',
      ce_source: '/session-cancellation/sessions/lifecycle',
      ce_time: events[0].metadata.occurredAt,
      ce_subject: SESSION,
      ce_dataschema: 'https://schemas.session-cancellation.dev/kafka/session-scheduled.v1.json',
      ce_correlationid: events[0].metadata.correlationId,
      'content-type': 'application/json',
    });
    // Same ce_id on the state topic, so a different source keeps (ce_source, ce_id) unique.
    expect(stateMessage.headers.ce_id).toBe(events[0].eventId);
    expect(stateMessage.headers.ce_source).toBe('/session-cancellation/sessions/state');
  });

  it('produces payloads that validate against their checked-in schemas', () => {
    const messages = [...mapHistory(history()), ...deletionMessages(recorded(deleted(SESSION))[0])];
    for (const m of messages) {
      if (m.value === null) continue;
      expect(validate(m.headers.ce_type as IntegrationEventType, m.value)).toEqual([]);
    }
  });

  it('never carries the private note, nor a flag for it', () => {
    const text = JSON.stringify(mapHistory(history()));
    expect(text).not.toContain(PRIVATE_NOTE);
    expect(text).not.toContain('note');
    expect(text).not.toContain('PrivateNote');
  });

  it('gives the notification service the cancellation and only the amount and method charged', () => {
    const notification = mapHistory(history()).find((m) => m.role === 'notifications');
    expect(notification?.value).toMatchObject({
      clientId: `client-of-${SESSION}`,
      cancellation: { reason: 'other', late: true },
      charge: { method: 'card', amountMinor: 9000, currency: 'EUR' },
    });
  });

  it('publishes the state after each event with its stream version', () => {
    const states = mapHistory(history()).filter((m) => m.role === 'state');
    expect(states.map((m) => m.value)).toMatchObject([
      { status: 'scheduled', sessionVersion: 0, charge: null, notificationRequested: false },
      { status: 'cancelled', sessionVersion: 1, charge: null },
      { status: 'cancelled', sessionVersion: 2, charge: { method: 'card' } },
      { status: 'cancelled', sessionVersion: 3, notificationRequested: true },
    ]);
  });

  it('maps the deletion record to SessionDeleted and a tombstone keyed by the session', () => {
    const record = recorded(deleted(SESSION))[0];
    const [lifecycle, tombstone] = deletionMessages(record);
    expect(lifecycle).toMatchObject({
      role: 'lifecycle',
      key: SESSION,
      value: { sessionId: SESSION, reason: 'booked-by-mistake' },
      headers: { ce_type: 'sessions.session-deleted.v1', ce_id: record.eventId },
    });
    expect(JSON.stringify(lifecycle.value)).not.toContain('deletedBy');
    expect(tombstone.role).toBe('state');
    expect(tombstone.value).toBeNull();
    expect(tombstone.headers['content-type']).toBeUndefined();
  });

  it('publishes a legacy charge that could not be upcast as unreadable, never a guessed amount', () => {
    const [scheduledEvent] = recorded(scheduled(SESSION));
    const legacy: RecordedEvent = {
      ...recorded(cancelledChargedNotified(SESSION), 1)[1],
      schemaVersion: 1,
      storedSchemaVersion: 1,
      data: { amount: '120.001', currency: 'EUR', method: 'card' },
      upcastError: { code: 'too-many-decimals', message: 'EUR has 2 decimals' },
    };
    const messages = mapHistory([scheduledEvent, legacy]);
    const expected = { method: 'unreadable', upcastError: 'too-many-decimals' };
    expect(messages[2].value).toMatchObject({ charge: expected });
    expect(messages[3].value).toMatchObject({ charge: expected });
    expect(validate('sessions.client-charged.v1', messages[2].value)).toEqual([]);
  });

  it('refuses an event whose data does not have its type, naming the field', () => {
    const [scheduledEvent] = recorded(scheduled(SESSION));
    const fee = { amountMinor: '12000', currency: 'EUR' };
    const malformed = { ...scheduledEvent, data: { ...scheduledEvent.data, fee } };
    expect(() => mapHistory([malformed])).toThrow(MalformedEventError);
    expect(() => mapHistory([malformed])).toThrow(/fee\.amountMinor/);
  });

  it('maps nothing for an event the session state could not take (a charge before any schedule)', () => {
    const [charge] = recorded(cancelledChargedNotified(SESSION), 1).slice(1, 2);
    expect(mapHistory([charge])).toEqual([]);
  });
});
