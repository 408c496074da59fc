import { BOUNDS, boundViolation, noteRefusal } from '../bounds';
import { isOneOf } from '../common';
import {
  AmountWithCreditsError,
  InvalidAmountError,
  InvalidChargeMethodError,
  InvalidNotifyClientError,
  InvalidReasonError,
  InvalidSessionIdError,
} from '../errors';
import { CANCELLATION_REASONS, CHARGE_METHODS } from '../events';
import { type CancelSessionData } from './cancel-session';

/** The session id of a cancel or a delete, as the path carried it: within BOUNDS.id. */
export function validateSessionId(sessionId: unknown): void {
  const problem = boundViolation(BOUNDS.id, sessionId);
  if (problem !== undefined) throw new InvalidSessionIdError(problem);
}

/** The 400 checks: they depend on the request alone, so they answer even for a missing session. */
export function validateCancel(data: CancelSessionData): void {
  validateSessionId(data.sessionId);
  if (!isOneOf(CANCELLATION_REASONS, data.reason)) throw new InvalidReasonError();
  const refusedNote = noteRefusal(data.reason, data.note);
  if (refusedNote !== undefined) throw refusedNote;
  if (data.charge !== undefined) {
    // JSON can carry `"charge": null`; it is malformed, not "no charge".
    if (typeof data.charge !== 'object' || data.charge === null) {
      throw new InvalidChargeMethodError();
    }
    const { method, amountMinor } = data.charge;
    if (!isOneOf(CHARGE_METHODS, method)) throw new InvalidChargeMethodError();
    if (amountMinor !== undefined) {
      if (method === 'sponsored-credits') throw new AmountWithCreditsError();
      const problem = boundViolation(BOUNDS.chargeAmountMinor, amountMinor);
      if (problem !== undefined) throw new InvalidAmountError(problem);
    }
  }
  if (data.notifyClient !== undefined && typeof data.notifyClient !== 'boolean') {
    throw new InvalidNotifyClientError();
  }
}
