import { CLIENT_CHARGED, NOTIFICATION_REQUESTED, SESSION_CANCELLED } from '@app/domain';
import { closedObject, component, type JsonSchema } from '../json-schema';
import { CHARGE, REASON } from './money.schema';
import { INSTANT, POSITION, STREAM_VERSION, TEXT } from './scalars';

const written = (type: string, data: JsonSchema): JsonSchema =>
  closedObject(
    {
      eventId: TEXT,
      type: { const: type },
      streamVersion: { type: 'integer', minimum: 0 },
      schemaVersion: { type: 'integer', minimum: 1 },
      data,
    },
    ['eventId', 'type', 'streamVersion', 'schemaVersion', 'data'],
  );

/** SessionCancelled as its professional sees it: the note (reason `other`) included. */
const CANCELLED_DATA = closedObject(
  {
    reason: REASON.ref,
    note: TEXT,
    noticeMinutes: { type: 'integer' },
    late: { type: 'boolean' },
    cancelledAt: INSTANT,
  },
  ['reason', 'noticeMinutes', 'late', 'cancelledAt'],
);

/** One event the cancel wrote, in order: SessionCancelled, ClientCharged?, NotificationRequested?. */
export const WRITTEN_EVENT = component('WrittenEvent', {
  oneOf: [
    written(SESSION_CANCELLED, CANCELLED_DATA),
    written(CLIENT_CHARGED, CHARGE.ref),
    written(NOTIFICATION_REQUESTED, closedObject({ channel: { const: 'default' } }, ['channel'])),
  ],
});

/** 200 of POST /sessions/{id}/cancel: the new version, the position and the events written. */
export const CANCEL_ANSWER = component(
  'CancelAnswer',
  closedObject(
    {
      sessionId: TEXT,
      version: STREAM_VERSION,
      position: POSITION.ref,
      events: { type: 'array', items: WRITTEN_EVENT.ref, minItems: 1, maxItems: 3 },
    },
    ['sessionId', 'version', 'position', 'events'],
  ),
);
