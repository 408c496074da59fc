import { DomainError } from './domain-error';

/** 400: a schedule command that is malformed whatever the state. */
abstract class InvalidScheduleError extends DomainError {
  readonly category = 'invalid' as const;
}

export class InvalidIdentifierError extends InvalidScheduleError {
  readonly code = 'invalid-identifier';
  override readonly fields: readonly string[];
  constructor(field: string, problem = 'must be a non-empty string') {
    super(`${field} ${problem}`);
    this.fields = [field];
  }
}

export class InvalidStartError extends InvalidScheduleError {
  readonly code = 'invalid-start';
  override readonly fields = ['startsAt'];
  constructor(problem: string) {
    super(`startsAt ${problem}`);
  }
}

export class InvalidTimeZoneError extends InvalidScheduleError {
  readonly code = 'invalid-time-zone';
  override readonly fields = ['timeZone'];
  constructor(problem: string) {
    super(`timeZone ${problem}`);
  }
}

export class InvalidDurationError extends InvalidScheduleError {
  readonly code = 'invalid-duration';
  override readonly fields = ['durationMinutes'];
  constructor(problem: string) {
    super(`durationMinutes ${problem}`);
  }
}

export class InvalidFeeError extends InvalidScheduleError {
  readonly code = 'invalid-fee';
  override readonly fields = ['fee.amountMinor'];
  constructor(problem: string) {
    super(`fee.amountMinor ${problem}`);
  }
}

export class InvalidCurrencyError extends InvalidScheduleError {
  readonly code = 'invalid-currency';
  override readonly fields = ['fee.currency'];
  constructor(problem: string) {
    super(`fee.currency ${problem}`);
  }
}

export class InvalidPaymentKindError extends InvalidScheduleError {
  readonly code = 'invalid-payment-kind';
  override readonly fields = ['payment.kind'];
  constructor() {
    super('payment.kind must be direct or sponsored-credits');
  }
}

export class InvalidCreditsError extends InvalidScheduleError {
  readonly code = 'invalid-credits';
  override readonly fields = ['payment.credits'];
  constructor(problem: string) {
    super(`payment.credits ${problem}`);
  }
}
