import * as errors from '.';
import { type DomainError } from './domain-error';

/** The codes are part of the public contract: a change here breaks API clients. */
const catalogue: [DomainError, string, DomainError['category']][] = [
  [new errors.InvalidIdentifierError('clientId'), 'invalid-identifier', 'invalid'],
  [new errors.InvalidStartError('is out of range'), 'invalid-start', 'invalid'],
  [new errors.InvalidTimeZoneError('is out of range'), 'invalid-time-zone', 'invalid'],
  [new errors.InvalidDurationError('is out of range'), 'invalid-duration', 'invalid'],
  [new errors.InvalidFeeError('is out of range'), 'invalid-fee', 'invalid'],
  [new errors.InvalidCurrencyError('is out of range'), 'invalid-currency', 'invalid'],
  [new errors.InvalidPaymentKindError(), 'invalid-payment-kind', 'invalid'],
  [new errors.InvalidCreditsError('is out of range'), 'invalid-credits', 'invalid'],
  [new errors.InvalidReasonError(), 'invalid-reason', 'invalid'],
  [new errors.NoteRequiredError(), 'note-required', 'invalid'],
  [new errors.NoteNotAllowedError(), 'note-not-allowed', 'invalid'],
  [new errors.NoteTooLongError(500), 'note-too-long', 'invalid'],
  [new errors.InvalidNoteError('is bad'), 'invalid-note', 'invalid'],
  [new errors.InvalidChargeMethodError(), 'invalid-charge-method', 'invalid'],
  [new errors.InvalidAmountError('is out of range'), 'invalid-amount', 'invalid'],
  [new errors.AmountWithCreditsError(), 'amount-with-credits', 'invalid'],
  [new errors.InvalidNotifyClientError(), 'invalid-notify-client', 'invalid'],
  [new errors.InvalidSessionIdError('is bad'), 'invalid-session-id', 'invalid'],
  [new errors.InvalidPaymentMethodError(0), 'invalid-payment-method', 'invalid'],
  [new errors.DuplicatePaymentMethodError('card', 1), 'duplicate-payment-method', 'invalid'],
  [new errors.SessionNotFoundError('s'), 'session-not-found', 'not-found'],
  [new errors.SessionDeletedError('s'), 'session-deleted', 'gone'],
  [new errors.SessionAlreadyExistsError('s'), 'session-already-exists', 'conflict'],
  [new errors.SessionAlreadyCancelledError('s'), 'session-already-cancelled', 'conflict'],
  [new errors.NoShowBeforeStartError(), 'no-show-before-start', 'rule'],
  [new errors.ReasonNotAllowedAfterEndError('x'), 'reason-not-allowed-after-end', 'rule'],
  [new errors.PaymentMethodNotEnabledError('card'), 'payment-method-not-enabled', 'rule'],
  [new errors.ChargeExceedsFeeError(2, 1), 'charge-exceeds-fee', 'rule'],
  [new errors.ZeroFeeSessionNotChargeableError(), 'zero-fee-session-not-chargeable', 'rule'],
  [
    new errors.MethodNotAllowedForSponsoredSessionError('card'),
    'method-not-allowed-for-sponsored-session',
    'rule',
  ],
  [
    new errors.CreditsNotAllowedForDirectSessionError(),
    'credits-not-allowed-for-direct-session',
    'rule',
  ],
  [new errors.CreditsRequireLateCancellationError(), 'credits-require-late-cancellation', 'rule'],
  [new errors.SessionChargedCannotDeleteError('s'), 'session-charged-cannot-delete', 'rule'],
];

describe('The error catalogue', () => {
  it.each(catalogue)('%p has its stable code and category', (error, code, category) => {
    expect(error).toBeInstanceOf(errors.DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.category).toBe(category);
    expect(error.name).toBe(error.constructor.name);
    expect(error.message).not.toBe('');
  });

  it('names the offending fields of a 400', () => {
    const invalid = catalogue.filter(([error]) => error.category === 'invalid');
    for (const [error] of invalid) expect(error.fields.length).toBeGreaterThan(0);
    expect(new errors.InvalidAmountError('is out of range').fields).toEqual(['charge.amountMinor']);
    expect(new errors.InvalidPaymentMethodError().fields).toEqual(['methods']);
  });

  it('names no field for other refusals', () => {
    const others = catalogue.filter(([error]) => error.category !== 'invalid');
    for (const [error] of others) expect(error.fields).toEqual([]);
  });

  it('says whether an existing id was deleted', () => {
    expect(new errors.SessionAlreadyExistsError('s', true).message).toMatch(/deleted/);
  });

  it('has one code per class', () => {
    const codes = catalogue.map(([, code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
