import { WORKSTATION_PAYMENT_METHODS } from '@app/domain';
import { closedObject, component, orNull } from '../json-schema';
import { FEE, PAYMENT, REASON } from './money.schema';
import { INSTANT, INTEGER, POSITION, TEXT, TEXTS } from './scalars';

/** A charge as the calendar shows it; a legacy charge that could not be upcast says so. */
const CALENDAR_CHARGE = {
  oneOf: [
    closedObject(
      {
        method: { type: 'string', enum: WORKSTATION_PAYMENT_METHODS },
        amountMinor: INTEGER,
        currency: TEXT,
      },
      ['method', 'amountMinor', 'currency'],
    ),
    closedObject({ method: { const: 'sponsored-credits' }, credits: INTEGER }, [
      'method',
      'credits',
    ]),
    closedObject({ method: { const: 'unreadable' }, upcastError: TEXT }, ['method', 'upcastError']),
  ],
};

export const CALENDAR_ENTRY = component(
  'CalendarEntry',
  closedObject(
    {
      sessionId: TEXT,
      professionalId: TEXT,
      clientId: TEXT,
      startsAt: INSTANT,
      endsAt: INSTANT,
      timeZone: TEXT,
      durationMinutes: INTEGER,
      fee: FEE.ref,
      payment: PAYMENT.ref,
      status: { type: 'string', enum: ['scheduled', 'cancelled'] },
      reason: orNull(REASON.ref),
      reasonLabel: orNull(TEXT),
      late: orNull({ type: 'boolean' }),
      noticeMinutes: orNull(INTEGER),
      cancelledAt: orNull(INSTANT),
      hasPrivateNote: { type: 'boolean' },
      note: { type: 'string', description: "Only in the owning professional's answer" },
      charge: orNull(CALENDAR_CHARGE),
      notificationRequested: { type: 'boolean' },
    },
    [
      'sessionId',
      'professionalId',
      'clientId',
      'startsAt',
      'endsAt',
      'timeZone',
      'durationMinutes',
      'fee',
      'payment',
      'status',
      'reason',
      'reasonLabel',
      'late',
      'noticeMinutes',
      'cancelledAt',
      'hasPrivateNote',
      'charge',
      'notificationRequested',
    ],
  ),
);

/** GET /calendar: a professional's sessions overlapping [from, to). */
export const CALENDAR_ANSWER = component(
  'Calendar',
  closedObject(
    {
      professionalId: TEXT,
      from: INSTANT,
      to: INSTANT,
      position: { ...POSITION.ref, description: 'The last position the read model applied' },
      setAside: {
        ...TEXTS,
        description: 'Sessions the projection set aside: missing or stale until retried',
      },
      sessions: { type: 'array', items: CALENDAR_ENTRY.ref },
    },
    ['professionalId', 'from', 'to', 'setAside', 'sessions'],
  ),
);
