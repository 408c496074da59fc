import { PAYMENT_KINDS, REQUEST_BOUNDS } from '@app/domain';
import { closedObject, component } from '../json-schema';
import { bounded } from './bounded';

const FIELDS = REQUEST_BOUNDS.scheduleSession;

/** Body of POST /sessions, as strict as the server: unknown fields are a 400 there too. */
export const SCHEDULE_SESSION_REQUEST = component(
  'ScheduleSessionRequest',
  closedObject(
    {
      sessionId: bounded(FIELDS.sessionId, {
        description: 'Generated when absent',
        examples: ['5d0c2a8e-3f7b-4c1e-9a51-2b6f0d9c7e11'],
      }),
      professionalId: bounded(FIELDS.professionalId, {
        description: "The caller's own id for a professional",
        examples: ['pro-42'],
      }),
      clientId: bounded(FIELDS.clientId, { examples: ['client-7'] }),
      startsAt: bounded(FIELDS.startsAt, {
        description: 'An ISO-8601 instant with an offset.',
        examples: ['2026-12-01T09:00:00+01:00'],
      }),
      timeZone: bounded(FIELDS.timeZone, {
        description: 'IANA time zone, for display; default UTC',
        examples: ['Europe/Paris'],
      }),
      durationMinutes: bounded(FIELDS.durationMinutes, { examples: [50] }),
      fee: closedObject(
        {
          amountMinor: bounded(FIELDS['fee.amountMinor'], {
            description: 'Integer minor units (cents; yen for JPY)',
            examples: [12000],
          }),
          currency: bounded(FIELDS['fee.currency'], {
            description: 'ISO 4217 code',
            examples: ['EUR'],
          }),
        },
        ['amountMinor', 'currency'],
      ),
      payment: {
        description: 'Paid by the client, or with sponsored credits (Wellbeing Hubs)',
        oneOf: [
          closedObject({ kind: { const: PAYMENT_KINDS[0] } }, ['kind']),
          closedObject(
            { kind: { const: PAYMENT_KINDS[1] }, credits: bounded(FIELDS['payment.credits']) },
            ['kind', 'credits'],
          ),
        ],
      },
    },
    ['professionalId', 'clientId', 'startsAt', 'durationMinutes', 'fee', 'payment'],
  ),
);
