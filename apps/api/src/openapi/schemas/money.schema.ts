import {
  CANCELLATION_REASONS,
  PAYMENT_KINDS,
  ROLES,
  WORKSTATION_PAYMENT_METHODS,
} from '@app/domain';
import { closedObject, component } from '../json-schema';
import { COUNT, INTEGER, TEXT } from './scalars';

/** A session's fee: integer minor units (cents; yen for JPY) and an ISO 4217 code. */
export const FEE = component(
  'Fee',
  closedObject({ amountMinor: COUNT, currency: { type: 'string', examples: ['EUR'] } }, [
    'amountMinor',
    'currency',
  ]),
);

/** How a session is paid: by the client, or with sponsored credits (Wellbeing Hubs). */
export const PAYMENT = component('Payment', {
  oneOf: [
    closedObject({ kind: { const: PAYMENT_KINDS[0] } }, ['kind']),
    closedObject({ kind: { const: PAYMENT_KINDS[1] }, credits: COUNT }, ['kind', 'credits']),
  ],
});

/** What a charge took: an amount by a workstation method, or the session's credits. */
export const CHARGE = component('Charge', {
  oneOf: [
    closedObject(
      {
        method: { type: 'string', enum: WORKSTATION_PAYMENT_METHODS },
        amountMinor: INTEGER,
        currency: TEXT,
      },
      ['method', 'amountMinor', 'currency'],
    ),
    closedObject({ method: { const: 'sponsored-credits' }, credits: COUNT }, ['method', 'credits']),
  ],
});

export const REASON = component('CancellationReason', {
  type: 'string',
  enum: CANCELLATION_REASONS,
});

/** Who did it: a user id and a role. */
export const ACTOR = component(
  'Actor',
  closedObject({ userId: TEXT, role: { type: 'string', enum: ROLES } }, ['userId', 'role']),
);
