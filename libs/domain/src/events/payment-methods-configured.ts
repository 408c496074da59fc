import { type Event } from '../common';

export const PAYMENT_METHODS_CONFIGURED = 'PaymentMethodsConfigured';
export const PAYMENT_METHODS_CONFIGURED_SCHEMA_VERSION = 1;

/** Methods a workstation can enable; `sponsored-credits` is not one (it follows from the session). */
export const WORKSTATION_PAYMENT_METHODS = ['card', 'invoice', 'external'] as const;
export type WorkstationPaymentMethod = (typeof WORKSTATION_PAYMENT_METHODS)[number];

export type PaymentMethodsConfiguredData = Readonly<{
  professionalId: string;
  methods: readonly WorkstationPaymentMethod[];
}>;

export type PaymentMethodsConfigured = Event<
  typeof PAYMENT_METHODS_CONFIGURED,
  PaymentMethodsConfiguredData
>;
