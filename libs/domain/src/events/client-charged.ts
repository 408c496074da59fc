import { type Event } from '../common';
import {
  WORKSTATION_PAYMENT_METHODS,
  type WorkstationPaymentMethod,
} from './payment-methods-configured';

export const CLIENT_CHARGED = 'ClientCharged';
/** Version 1 is the legacy import format (decimal major units), upcast on read. */
export const CLIENT_CHARGED_SCHEMA_VERSION = 2;

export const CHARGE_METHODS = [...WORKSTATION_PAYMENT_METHODS, 'sponsored-credits'] as const;
export type ChargeMethod = (typeof CHARGE_METHODS)[number];

export type MoneyCharge = Readonly<{
  method: WorkstationPaymentMethod;
  amountMinor: number;
  currency: string;
}>;
export type CreditsCharge = Readonly<{ method: 'sponsored-credits'; credits: number }>;

export type ClientChargedData = MoneyCharge | CreditsCharge;

export type ClientCharged = Event<typeof CLIENT_CHARGED, ClientChargedData>;
