import { CANCELLATION_REASONS, REQUEST_BOUNDS, WORKSTATION_PAYMENT_METHODS } from '@app/domain';
import { closedObject, component, type JsonSchema } from '../json-schema';
import { bounded } from './bounded';

const FIELDS = REQUEST_BOUNDS.cancelSession;

/** A charge: an amount by a workstation method (default: the fee), or the session's credits. */
const CHARGE: JsonSchema = {
  oneOf: [
    closedObject(
      {
        method: { type: 'string', enum: WORKSTATION_PAYMENT_METHODS },
        amountMinor: bounded(FIELDS['charge.amountMinor'], {
          description: 'Minor units, up to the fee (default: the fee)',
          examples: [12000],
        }),
      },
      ['method'],
    ),
    closedObject({ method: { const: 'sponsored-credits' } }, ['method'], {
      description: "Charges the session's credits; takes no amountMinor",
    }),
  ],
};

const COMMON = {
  charge: CHARGE,
  notifyClient: {
    type: 'boolean',
    description: 'Request a notification to the client (default true)',
  },
};

const OTHER = 'other';

/**
 * Body of POST /sessions/{id}/cancel, as strict as the server: reason `other` requires a note
 * (private to the professional) and every other reason refuses one.
 */
export const CANCEL_SESSION_REQUEST = component('CancelSessionRequest', {
  oneOf: [
    closedObject(
      {
        reason: { const: OTHER },
        note: bounded(FIELDS.note, {
          description: 'Private to the professional; tab, CR and LF allowed',
          examples: ['Moved to next week by phone'],
        }),
        ...COMMON,
      },
      ['reason', 'note'],
    ),
    closedObject(
      {
        reason: { type: 'string', enum: CANCELLATION_REASONS.filter((r) => r !== OTHER) },
        ...COMMON,
      },
      ['reason'],
    ),
  ],
});
