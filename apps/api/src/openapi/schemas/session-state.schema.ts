import { closedObject, component } from '../json-schema';
import { CHARGE, FEE, PAYMENT, REASON } from './money.schema';
import { INSTANT, INTEGER, TEXT } from './scalars';

/** What was scheduled (the SessionScheduled event's data). */
export const SCHEDULED_SESSION = component(
  'ScheduledSession',
  closedObject(
    {
      sessionId: TEXT,
      professionalId: TEXT,
      clientId: TEXT,
      startsAt: INSTANT,
      timeZone: { type: 'string', description: 'IANA name, for display', examples: ['UTC'] },
      durationMinutes: INTEGER,
      fee: FEE.ref,
      payment: PAYMENT.ref,
    },
    [
      'sessionId',
      'professionalId',
      'clientId',
      'startsAt',
      'timeZone',
      'durationMinutes',
      'fee',
      'payment',
    ],
  ),
);

/** The cancellation as the viewer may see it: the note only in its professional's answers. */
export const CANCELLATION = component(
  'Cancellation',
  closedObject(
    {
      reason: REASON.ref,
      note: { type: 'string', description: "Only in the owning professional's answers" },
      hasPrivateNote: { type: 'boolean' },
      noticeMinutes: {
        type: 'integer',
        description: 'Notice floored to whole minutes; negative after the start',
      },
      late: { type: 'boolean', description: 'Notice < 24 h, judged on exact milliseconds' },
      cancelledAt: INSTANT,
    },
    ['reason', 'hasPrivateNote', 'noticeMinutes', 'late', 'cancelledAt'],
  ),
);

const TRACKED = {
  session: SCHEDULED_SESSION.ref,
  charge: CHARGE.ref,
  notificationRequested: { type: 'boolean' },
};

/** A session's state, folded from its events: not yet scheduled (as of an early instant), scheduled, or cancelled. */
export const SESSION_STATE = component('SessionState', {
  oneOf: [
    closedObject({ status: { const: 'not-scheduled' } }, ['status']),
    closedObject({ status: { const: 'scheduled' }, ...TRACKED }, [
      'status',
      'session',
      'notificationRequested',
    ]),
    closedObject({ status: { const: 'cancelled' }, ...TRACKED, cancellation: CANCELLATION.ref }, [
      'status',
      'session',
      'notificationRequested',
      'cancellation',
    ]),
  ],
});
