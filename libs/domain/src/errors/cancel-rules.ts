import { DomainError } from './domain-error';

/** 422: the request is well formed but a rule of the cancellation article refuses it. */
abstract class CancelRuleError extends DomainError {
  readonly category = 'rule' as const;
}

export class NoShowBeforeStartError extends CancelRuleError {
  readonly code = 'no-show-before-start';
  constructor() {
    super('a client no-show can be recorded only from the session start on');
  }
}

export class ReasonNotAllowedAfterEndError extends CancelRuleError {
  readonly code = 'reason-not-allowed-after-end';
  constructor(readonly reason: string) {
    super(`after the session end only client-no-show or other are accepted, not ${reason}`);
  }
}

export class PaymentMethodNotEnabledError extends CancelRuleError {
  readonly code = 'payment-method-not-enabled';
  constructor(readonly method: string) {
    super(`payment method ${method} is not enabled in the workstation`);
  }
}

export class ChargeExceedsFeeError extends CancelRuleError {
  readonly code = 'charge-exceeds-fee';
  constructor(
    readonly amountMinor: number,
    readonly feeMinor: number,
  ) {
    super(`the charge (${amountMinor}) exceeds the session fee (${feeMinor})`);
  }
}

export class ZeroFeeSessionNotChargeableError extends CancelRuleError {
  readonly code = 'zero-fee-session-not-chargeable';
  constructor() {
    super('a session with a zero fee cannot be charged');
  }
}

export class MethodNotAllowedForSponsoredSessionError extends CancelRuleError {
  readonly code = 'method-not-allowed-for-sponsored-session';
  constructor(readonly method: string) {
    super(`a session paid with sponsored credits can only be charged in credits, not ${method}`);
  }
}

export class CreditsNotAllowedForDirectSessionError extends CancelRuleError {
  readonly code = 'credits-not-allowed-for-direct-session';
  constructor() {
    super('sponsored credits can be charged only for a session paid with sponsored credits');
  }
}

export class CreditsRequireLateCancellationError extends CancelRuleError {
  readonly code = 'credits-require-late-cancellation';
  constructor() {
    super(
      'sponsored credits can be charged only for a cancellation with less than 24 hours notice',
    );
  }
}
