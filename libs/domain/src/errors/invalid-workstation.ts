import { DomainError } from './domain-error';

export class InvalidPaymentMethodError extends DomainError {
  readonly code = 'invalid-payment-method';
  readonly category = 'invalid' as const;
  override readonly fields: readonly string[];
  /** Without an index, `methods` itself is not a list. */
  constructor(index?: number) {
    super('methods must be a list of card, invoice or external');
    this.fields = [index === undefined ? 'methods' : `methods[${index}]`];
  }
}

/** Refused rather than deduplicated: a repeated method is most likely a client bug worth seeing. */
export class DuplicatePaymentMethodError extends DomainError {
  readonly code = 'duplicate-payment-method';
  readonly category = 'invalid' as const;
  override readonly fields: readonly string[];
  constructor(
    readonly method: string,
    index: number,
  ) {
    super(`payment method ${method} is listed twice`);
    this.fields = [`methods[${index}]`];
  }
}
