import { type Event } from '../common';

export const SESSION_SCHEDULED = 'SessionScheduled';
export const SESSION_SCHEDULED_SCHEMA_VERSION = 1;

export const PAYMENT_KINDS = ['direct', 'sponsored-credits'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** How the session is paid; sponsored credits are the proof of Wellbeing Hubs membership. */
export type SessionPayment =
  Readonly<{ kind: 'direct' }> | Readonly<{ kind: 'sponsored-credits'; credits: number }>;

/** Integer minor units (cents, or yen for JPY) and an ISO 4217 code. */
export type Fee = Readonly<{ amountMinor: number; currency: string }>;

export type SessionScheduledData = Readonly<{
  sessionId: string;
  professionalId: string;
  clientId: string;
  /** UTC, ISO 8601 with `Z`. */
  startsAt: string;
  /** IANA name, kept for display only. */
  timeZone: string;
  durationMinutes: number;
  fee: Fee;
  payment: SessionPayment;
}>;

export type SessionScheduled = Event<typeof SESSION_SCHEDULED, SessionScheduledData>;
