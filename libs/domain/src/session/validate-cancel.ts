import { isOneOf } from '../common';
import {
  AmountWithCreditsError,
  InvalidAmountError,
  InvalidChargeMethodError,
  InvalidNotifyClientError,
  InvalidReasonError,
  NoteNotAllowedError,
  NoteRequiredError,
  NoteTooLongError,
} from '../errors';
import { CANCELLATION_REASONS, CHARGE_METHODS } from '../events';
import { type CancelSessionData } from './cancel-session';

export const MAX_NOTE_LENGTH = 500;

/**
 * Characters as a reader counts them (code points), so an emoji is one character, not two UTF-16
 * units. A note of blanks says nothing, so it counts as no note.
 */
function noteLength(note: string): number {
  return [...note].length;
}

/** The 400 checks: they depend on the request alone, so they answer even for a missing session. */
export function validateCancel(data: CancelSessionData): void {
  if (!isOneOf(CANCELLATION_REASONS, data.reason)) throw new InvalidReasonError();
  const hasNote = data.note !== undefined;
  if (data.reason === 'other') {
    if (typeof data.note !== 'string' || data.note.trim().length === 0) {
      throw new NoteRequiredError();
    }
    if (noteLength(data.note) > MAX_NOTE_LENGTH) throw new NoteTooLongError(MAX_NOTE_LENGTH);
  } else if (hasNote) {
    throw new NoteNotAllowedError();
  }
  if (data.charge !== undefined) {
    // JSON can carry `"charge": null`; it is malformed, not "no charge".
    if (typeof data.charge !== 'object' || data.charge === null) {
      throw new InvalidChargeMethodError();
    }
    const { method, amountMinor } = data.charge;
    if (!isOneOf(CHARGE_METHODS, method)) throw new InvalidChargeMethodError();
    if (amountMinor !== undefined) {
      if (method === 'sponsored-credits') throw new AmountWithCreditsError();
      if (!Number.isSafeInteger(amountMinor) || amountMinor < 1) throw new InvalidAmountError();
    }
  }
  if (data.notifyClient !== undefined && typeof data.notifyClient !== 'boolean') {
    throw new InvalidNotifyClientError();
  }
}
