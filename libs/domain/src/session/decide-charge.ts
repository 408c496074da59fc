import {
  ChargeExceedsFeeError,
  CreditsNotAllowedForDirectSessionError,
  CreditsRequireLateCancellationError,
  MethodNotAllowedForSponsoredSessionError,
  PaymentMethodNotEnabledError,
  ZeroFeeSessionNotChargeableError,
} from '../errors';
import {
  type ClientChargedData,
  type SessionScheduledData,
  type WorkstationPaymentMethod,
} from '../events';
import { type ChargeRequest } from './cancel-session';
import { type Notice } from './notice';

/**
 * The 422 charge rules, for a request already validated (400) against a session found (404) and not
 * cancelled (409). How the session is paid is decided first, because it settles which methods can
 * apply at all; then whether the method is available; then the amount.
 */
export function decideCharge(
  charge: ChargeRequest,
  session: SessionScheduledData,
  notice: Notice,
  enabledMethods: readonly WorkstationPaymentMethod[],
): ClientChargedData {
  if (session.payment.kind === 'sponsored-credits') {
    if (charge.method !== 'sponsored-credits') {
      throw new MethodNotAllowedForSponsoredSessionError(charge.method);
    }
    if (!notice.late) throw new CreditsRequireLateCancellationError();
    return { method: 'sponsored-credits', credits: session.payment.credits };
  }
  if (charge.method === 'sponsored-credits') throw new CreditsNotAllowedForDirectSessionError();
  const fee = session.fee.amountMinor;
  if (fee === 0) throw new ZeroFeeSessionNotChargeableError();
  if (!enabledMethods.includes(charge.method)) {
    throw new PaymentMethodNotEnabledError(charge.method);
  }
  const amountMinor = charge.amountMinor ?? fee;
  if (amountMinor > fee) throw new ChargeExceedsFeeError(amountMinor, fee);
  return { method: charge.method, amountMinor, currency: session.fee.currency };
}
