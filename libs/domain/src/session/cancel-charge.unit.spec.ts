import {
  AmountWithCreditsError,
  ChargeExceedsFeeError,
  CreditsNotAllowedForDirectSessionError,
  CreditsRequireLateCancellationError,
  InvalidAmountError,
  InvalidChargeMethodError,
  MethodNotAllowedForSponsoredSessionError,
  PaymentMethodNotEnabledError,
  ZeroFeeSessionNotChargeableError,
} from '../errors';
import { type ChargeMethod } from '../events';
import {
  before,
  cancelSession,
  DeciderSpecification,
  sessionScheduled,
  sponsoredSessionScheduled,
  STARTS_AT,
} from '../testing';
import { type CancelSessionData } from './cancel-session';
import { sessionDecider } from './session-decider';

const spec = DeciderSpecification.for(sessionDecider);
const late = before(STARTS_AT, { hours: 2 });
const early = before(STARTS_AT, { hours: 48 });
const direct = spec.given([sessionScheduled()]).at(late);
const sponsored = (at: Date) => spec.given([sponsoredSessionScheduled(3)]).at(at);
const charging = (charge: CancelSessionData['charge'], rest: Partial<CancelSessionData> = {}) =>
  cancelSession({ charge, notifyClient: false, ...rest });
const cancelled = (at: Date) => ({
  type: 'SessionCancelled' as const,
  data: {
    reason: 'cancelled-by-client' as const,
    noticeMinutes: Math.floor((Date.parse(STARTS_AT) - at.getTime()) / 60_000),
    late: Date.parse(STARTS_AT) - at.getTime() < 24 * 3_600_000,
    cancelledAt: at.toISOString(),
  },
});

describe('Charging the client of a direct session', () => {
  it.each(['card', 'invoice', 'external'] as const)(
    'charges the full fee by %s when no amount is given',
    (method) => {
      direct
        .when(charging({ method }))
        .then([
          cancelled(late),
          { type: 'ClientCharged', data: { method, amountMinor: 12000, currency: 'EUR' } },
        ]);
    },
  );

  it('charges a lower amount', () => {
    direct
      .when(charging({ method: 'card', amountMinor: 5000 }))
      .then([
        cancelled(late),
        { type: 'ClientCharged', data: { method: 'card', amountMinor: 5000, currency: 'EUR' } },
      ]);
  });

  it('charges exactly the fee', () => {
    direct
      .when(charging({ method: 'card', amountMinor: 12000 }))
      .then([
        cancelled(late),
        { type: 'ClientCharged', data: { method: 'card', amountMinor: 12000, currency: 'EUR' } },
      ]);
  });

  it('charges one minor unit', () => {
    direct
      .when(charging({ method: 'invoice', amountMinor: 1 }))
      .then([
        cancelled(late),
        { type: 'ClientCharged', data: { method: 'invoice', amountMinor: 1, currency: 'EUR' } },
      ]);
  });

  it('charges in the currency of the fee', () => {
    spec
      .given([sessionScheduled({ fee: { amountMinor: 5000, currency: 'JPY' } })])
      .at(late)
      .when(charging({ method: 'card' }))
      .then([
        cancelled(late),
        { type: 'ClientCharged', data: { method: 'card', amountMinor: 5000, currency: 'JPY' } },
      ]);
  });

  it('may charge an early cancellation too (lateness matters only for credits)', () => {
    spec
      .given([sessionScheduled()])
      .at(early)
      .when(charging({ method: 'card' }))
      .then([
        cancelled(early),
        { type: 'ClientCharged', data: { method: 'card', amountMinor: 12000, currency: 'EUR' } },
      ]);
  });

  it('refuses a charge above the fee (422)', () => {
    direct.when(charging({ method: 'card', amountMinor: 12001 })).thenThrows(ChargeExceedsFeeError);
  });

  it('refuses a zero amount (400)', () => {
    direct.when(charging({ method: 'card', amountMinor: 0 })).thenThrows(InvalidAmountError);
  });

  it('refuses a negative amount (400)', () => {
    direct.when(charging({ method: 'card', amountMinor: -5 })).thenThrows('invalid-amount');
  });

  it('refuses a fractional amount (400)', () => {
    direct.when(charging({ method: 'card', amountMinor: 10.5 })).thenThrows('invalid-amount');
  });

  it('refuses an amount over 100,000,000, even below a larger fee (400 before 422)', () => {
    direct
      .when(charging({ method: 'card', amountMinor: 100_000_001 }))
      .thenThrows('invalid-amount');
  });

  it('refuses an amount beyond the safe integers (400)', () => {
    direct.when(charging({ method: 'card', amountMinor: 2 ** 53 })).thenThrows('invalid-amount');
  });

  it('refuses a method not enabled in the workstation (422)', () => {
    direct
      .when(charging({ method: 'invoice' }, { enabledMethods: ['card'] }))
      .thenThrows(PaymentMethodNotEnabledError);
  });

  it('refuses every method when the workstation was never configured (none enabled)', () => {
    direct
      .when(charging({ method: 'card' }, { enabledMethods: [] }))
      .thenThrows('payment-method-not-enabled');
  });

  it('cancels without a charge when the workstation was never configured', () => {
    direct.when(cancelSession({ enabledMethods: [], notifyClient: false })).then([cancelled(late)]);
  });

  it('refuses a charge on a zero-fee session (422)', () => {
    spec
      .given([sessionScheduled({ fee: { amountMinor: 0, currency: 'EUR' } })])
      .at(late)
      .when(charging({ method: 'card' }))
      .thenThrows(ZeroFeeSessionNotChargeableError);
  });

  it('refuses a charge with an amount on a zero-fee session as not chargeable, not as too high', () => {
    spec
      .given([sessionScheduled({ fee: { amountMinor: 0, currency: 'EUR' } })])
      .at(late)
      .when(charging({ method: 'card', amountMinor: 1 }))
      .thenThrows('zero-fee-session-not-chargeable');
  });

  it('refuses sponsored credits on a direct session (422)', () => {
    direct
      .when(charging({ method: 'sponsored-credits' }))
      .thenThrows(CreditsNotAllowedForDirectSessionError);
  });

  it('refuses a null charge (400) rather than cancelling without one', () => {
    direct
      .when(charging(null as unknown as CancelSessionData['charge']))
      .thenThrows('invalid-charge-method');
  });

  it('refuses an unknown method (400)', () => {
    direct.when(charging({ method: 'cash' as ChargeMethod })).thenThrows(InvalidChargeMethodError);
  });
});

describe('Charging sponsored credits', () => {
  it('charges the session credits for a late cancellation', () => {
    sponsored(late)
      .when(charging({ method: 'sponsored-credits' }))
      .then([
        cancelled(late),
        { type: 'ClientCharged', data: { method: 'sponsored-credits', credits: 3 } },
      ]);
  });

  it('charges credits 23 h 59 min before the start', () => {
    const at = before(STARTS_AT, { hours: 23, minutes: 59 });
    sponsored(at)
      .when(charging({ method: 'sponsored-credits' }))
      .then([
        cancelled(at),
        { type: 'ClientCharged', data: { method: 'sponsored-credits', credits: 3 } },
      ]);
  });

  it('refuses credits with exactly 24 hours of notice (422)', () => {
    sponsored(before(STARTS_AT, { hours: 24 }))
      .when(charging({ method: 'sponsored-credits' }))
      .thenThrows(CreditsRequireLateCancellationError);
  });

  it('refuses credits with more than 24 hours of notice (422)', () => {
    sponsored(early)
      .when(charging({ method: 'sponsored-credits' }))
      .thenThrows('credits-require-late-cancellation');
  });

  it.each(['card', 'invoice', 'external'] as const)(
    'refuses a %s charge on a sponsored session (422), even when the method is enabled',
    (method) => {
      sponsored(late)
        .when(charging({ method }))
        .thenThrows(MethodNotAllowedForSponsoredSessionError);
    },
  );

  it('refuses amountMinor with sponsored-credits (400)', () => {
    sponsored(late)
      .when(charging({ method: 'sponsored-credits', amountMinor: 100 }))
      .thenThrows(AmountWithCreditsError);
  });

  it('refuses amountMinor with sponsored-credits as 400 even when it is not a valid amount', () => {
    sponsored(late)
      .when(charging({ method: 'sponsored-credits', amountMinor: 0 }))
      .thenThrows('amount-with-credits');
  });

  it('does not need any workstation method', () => {
    sponsored(late)
      .when(charging({ method: 'sponsored-credits' }, { enabledMethods: [] }))
      .then([
        cancelled(late),
        { type: 'ClientCharged', data: { method: 'sponsored-credits', credits: 3 } },
      ]);
  });

  it('charges credits for a sponsored session whose fee is zero', () => {
    spec
      .given([
        sessionScheduled({
          fee: { amountMinor: 0, currency: 'EUR' },
          payment: { kind: 'sponsored-credits', credits: 1 },
        }),
      ])
      .at(late)
      .when(charging({ method: 'sponsored-credits' }))
      .then([
        cancelled(late),
        { type: 'ClientCharged', data: { method: 'sponsored-credits', credits: 1 } },
      ]);
  });
});
