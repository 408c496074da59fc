import { DomainError } from './domain-error';

/** 400: a cancel command that is malformed whatever the state (checked before the session exists). */
abstract class InvalidCancelError extends DomainError {
  readonly category = 'invalid' as const;
}

export class InvalidReasonError extends InvalidCancelError {
  readonly code = 'invalid-reason';
  override readonly fields = ['reason'];
  constructor() {
    super('reason must be cancelled-by-professional, cancelled-by-client, client-no-show or other');
  }
}

export class NoteRequiredError extends InvalidCancelError {
  readonly code = 'note-required';
  override readonly fields = ['note'];
  constructor() {
    super('a cancellation for reason other needs a note');
  }
}

export class NoteNotAllowedError extends InvalidCancelError {
  readonly code = 'note-not-allowed';
  override readonly fields = ['note'];
  constructor() {
    super('a note is accepted only with reason other');
  }
}

export class NoteTooLongError extends InvalidCancelError {
  readonly code = 'note-too-long';
  override readonly fields = ['note'];
  constructor(readonly maxLength: number) {
    super(`the note is limited to ${maxLength} characters`);
  }
}

/** A note with a lone surrogate or a control character other than tab, LF and CR. */
export class InvalidNoteError extends InvalidCancelError {
  readonly code = 'invalid-note';
  override readonly fields = ['note'];
  constructor(problem: string) {
    super(`note ${problem}`);
  }
}

export class InvalidChargeMethodError extends InvalidCancelError {
  readonly code = 'invalid-charge-method';
  override readonly fields = ['charge.method'];
  constructor() {
    super('charge.method must be card, invoice, external or sponsored-credits');
  }
}

export class InvalidAmountError extends InvalidCancelError {
  readonly code = 'invalid-amount';
  override readonly fields = ['charge.amountMinor'];
  constructor(problem: string) {
    super(`charge.amountMinor ${problem} (minor units)`);
  }
}

/** The session id of a cancel or delete: out of BOUNDS.id. */
export class InvalidSessionIdError extends InvalidCancelError {
  readonly code = 'invalid-session-id';
  override readonly fields = ['id'];
  constructor(problem: string) {
    super(`the session id ${problem}`);
  }
}

export class AmountWithCreditsError extends InvalidCancelError {
  readonly code = 'amount-with-credits';
  override readonly fields = ['charge.amountMinor'];
  constructor() {
    super('a sponsored-credits charge takes no amountMinor: it charges the session credits');
  }
}

export class InvalidNotifyClientError extends InvalidCancelError {
  readonly code = 'invalid-notify-client';
  override readonly fields = ['notifyClient'];
  constructor() {
    super('notifyClient must be a boolean');
  }
}
