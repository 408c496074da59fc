import { DomainError } from './domain-error';

/** 400: a schedule command that is malformed whatever the state. */
abstract class InvalidScheduleError extends DomainError {
  readonly category = 'invalid' as const;
}

export class InvalidIdentifierError extends InvalidScheduleError {
  readonly code = 'invalid-identifier';
  override readonly fields: readonly string[];
  constructor(field: string) {
    super(`${field} must be a non-empty string`);
    this.fields = [field];
  }
}

export class InvalidStartError extends InvalidScheduleError {
  readonly code = 'invalid-start';
  override readonly fields = ['startsAt'];
  constructor() {
    super('startsAt must be an ISO-8601 instant with an offset, e.g. 2026-03-01T09:00:00+01:00');
  }
}

export class InvalidTimeZoneError extends InvalidScheduleError {
  readonly code = 'invalid-time-zone';
  override readonly fields = ['timeZone'];
  constructor() {
    super('timeZone must be an IANA time zone name, e.g. Europe/Paris');
  }
}

export class InvalidDurationError extends InvalidScheduleError {
  readonly code = 'invalid-duration';
  override readonly fields = ['durationMinutes'];
  constructor() {
    super('durationMinutes must be an integer from 5 to 480');
  }
}

export class InvalidFeeError extends InvalidScheduleError {
  readonly code = 'invalid-fee';
  override readonly fields = ['fee.amountMinor'];
  constructor() {
    super('fee.amountMinor must be an integer >= 0 (minor units)');
  }
}

export class InvalidCurrencyError extends InvalidScheduleError {
  readonly code = 'invalid-currency';
  override readonly fields = ['fee.currency'];
  constructor() {
    super('fee.currency must be an ISO 4217 currency code');
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
  constructor() {
    super('payment.credits must be an integer >= 1');
  }
}
