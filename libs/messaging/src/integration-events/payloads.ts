import type { CancellationReason, DELETION_REASON, WorkstationPaymentMethod } from '@app/domain';

/**
 * Payloads of the integration events: what the contract lists and nothing else, versioned apart
 * from the domain events they are mapped from (map-session-event.ts, the one place), so a domain
 * change need not break consumers. Their enumerations are the domain's own. Ids only, never free
 * text: the private cancellation note is absent from every one of them, and so is a
 * `hasPrivateNote` flag (it would say no more than `reason: "other"`, which requires a note).
 */
export type Fee = Readonly<{ amountMinor: number; currency: string }>;

export type Payment =
  Readonly<{ kind: 'direct' }> | Readonly<{ kind: 'sponsored-credits'; credits: number }>;

/**
 * A charge as published. A legacy charge whose amount could not be upcast is published as
 * `unreadable` with the upcaster's error code, never as a guessed number.
 */
export type Charge =
  | Readonly<{ method: WorkstationPaymentMethod; amountMinor: number; currency: string }>
  | Readonly<{ method: 'sponsored-credits'; credits: number }>
  | Readonly<{ method: 'unreadable'; upcastError: string }>;

export type Cancellation = Readonly<{
  reason: CancellationReason;
  noticeMinutes: number;
  late: boolean;
  cancelledAt: string;
}>;

export type SessionScheduledV1 = Readonly<{
  sessionId: string;
  professionalId: string;
  clientId: string;
  startsAt: string;
  timeZone: string;
  durationMinutes: number;
  fee: Fee;
  payment: Payment;
  occurredAt: string;
}>;

export type SessionCancelledV1 = Readonly<
  { sessionId: string; professionalId: string; occurredAt: string } & Cancellation
>;

export type ClientChargedV1 = Readonly<{
  sessionId: string;
  professionalId: string;
  charge: Charge;
  occurredAt: string;
}>;

/** Tells consumers to erase their copies of the session. */
export type SessionDeletedV1 = Readonly<{
  sessionId: string;
  professionalId: string;
  reason: typeof DELETION_REASON;
  deletedAt: string;
  occurredAt: string;
}>;

/** What the notification service needs to word the message; of the charge, amount and method. */
export type NotificationRequestedV1 = Readonly<{
  sessionId: string;
  professionalId: string;
  clientId: string;
  channel: 'default';
  startsAt: string;
  timeZone: string;
  durationMinutes: number;
  cancellation: Cancellation | null;
  charge: Charge | null;
  occurredAt: string;
}>;

/** The session after one of its events (compacted topic: the latest per session remains). */
export type SessionStateV1 = Readonly<{
  sessionId: string;
  professionalId: string;
  clientId: string;
  status: 'scheduled' | 'cancelled';
  startsAt: string;
  timeZone: string;
  durationMinutes: number;
  fee: Fee;
  payment: Payment;
  cancellation: Cancellation | null;
  charge: Charge | null;
  notificationRequested: boolean;
  /** Version of the session's stream after the event (counting from 0): consumers keep the highest. */
  sessionVersion: number;
  updatedAt: string;
}>;

export type IntegrationPayload =
  | SessionScheduledV1
  | SessionCancelledV1
  | ClientChargedV1
  | SessionDeletedV1
  | NotificationRequestedV1
  | SessionStateV1;
