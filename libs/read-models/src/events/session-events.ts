import type { JsonObject, RecordedEvent } from '@app/event-store';
import { sessionIdOfStream } from './stream-ids';

/**
 * What the read models take from each event, checked field by field: the domain library is
 * written in parallel, and a projection must never write a half-understood row. An event that
 * fails its guard is skipped (and counted) rather than crashing the projector.
 */
export const CANCELLATION_REASONS = [
  'cancelled-by-professional',
  'cancelled-by-client',
  'client-no-show',
  'other',
] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export const CHARGE_METHODS = ['card', 'invoice', 'external', 'sponsored-credits'] as const;
export type ChargeMethod = (typeof CHARGE_METHODS)[number];

export type Payment =
  { readonly kind: 'direct' } | { readonly kind: 'sponsored-credits'; readonly credits: number };

export interface SessionScheduledData {
  readonly sessionId: string;
  readonly professionalId: string;
  readonly clientId: string;
  readonly startsAt: string;
  readonly timeZone: string;
  readonly durationMinutes: number;
  readonly fee: { readonly amountMinor: number; readonly currency: string };
  readonly payment: Payment;
}

export interface SessionCancelledData {
  readonly reason: CancellationReason;
  readonly note?: string;
  readonly noticeMinutes: number;
  readonly late: boolean;
  readonly cancelledAt: string;
}

export type ClientChargedData =
  | {
      readonly method: 'card' | 'invoice' | 'external';
      readonly amountMinor: number;
      readonly currency: string;
    }
  | { readonly method: 'sponsored-credits'; readonly credits: number };

export interface SessionDeletedData {
  readonly sessionId: string;
  readonly professionalId: string;
  readonly deletedBy: { readonly userId: string; readonly role: string };
  readonly deletedAt: string;
  readonly reason: 'booked-by-mistake';
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isInteger = (value: unknown): value is number => Number.isSafeInteger(value);
const isInstant = (value: unknown): value is string =>
  isString(value) && !Number.isNaN(Date.parse(value));
const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

export function isSessionScheduled(data: unknown): data is SessionScheduledData {
  if (!isObject(data) || !isObject(data.fee) || !isObject(data.payment)) return false;
  const payment = data.payment;
  const paymentOk =
    payment.kind === 'direct' ||
    (payment.kind === 'sponsored-credits' && isInteger(payment.credits));
  return (
    isString(data.sessionId) &&
    isString(data.professionalId) &&
    isString(data.clientId) &&
    isInstant(data.startsAt) &&
    isString(data.timeZone) &&
    isInteger(data.durationMinutes) &&
    isInteger(data.fee.amountMinor) &&
    isString(data.fee.currency) &&
    paymentOk
  );
}

export function isSessionCancelled(data: unknown): data is SessionCancelledData {
  return (
    isObject(data) &&
    isOneOf(CANCELLATION_REASONS, data.reason) &&
    (data.note === undefined || typeof data.note === 'string') &&
    isInteger(data.noticeMinutes) &&
    typeof data.late === 'boolean' &&
    isInstant(data.cancelledAt)
  );
}

export function isClientCharged(data: unknown): data is ClientChargedData {
  if (!isObject(data)) return false;
  if (data.method === 'sponsored-credits') return isInteger(data.credits);
  return (
    isOneOf(['card', 'invoice', 'external'] as const, data.method) &&
    isInteger(data.amountMinor) &&
    isString(data.currency)
  );
}

export function isSessionDeleted(data: unknown): data is SessionDeletedData {
  return (
    isObject(data) &&
    isString(data.sessionId) &&
    isString(data.professionalId) &&
    isObject(data.deletedBy) &&
    isString(data.deletedBy.userId) &&
    isString(data.deletedBy.role) &&
    isInstant(data.deletedAt) &&
    data.reason === 'booked-by-mistake'
  );
}

/** A session event as the read models see it; `unreadable` covers failed guards and upcasts. */
export type SessionFact =
  | { readonly kind: 'scheduled'; readonly sessionId: string; readonly data: SessionScheduledData }
  | { readonly kind: 'cancelled'; readonly sessionId: string; readonly data: SessionCancelledData }
  | { readonly kind: 'charged'; readonly sessionId: string; readonly data: ClientChargedData }
  | {
      readonly kind: 'charge-unreadable';
      readonly sessionId: string;
      readonly code: string;
    }
  | { readonly kind: 'notification-requested'; readonly sessionId: string }
  | { readonly kind: 'deleted'; readonly sessionId: string; readonly data: SessionDeletedData }
  | { readonly kind: 'ignored'; readonly why: string };

/** Reads one recorded event into a fact the projections apply. Never throws. */
export function toSessionFact(event: RecordedEvent): SessionFact {
  const sessionId = sessionIdOfStream(event.streamId, event.type);
  if (sessionId === undefined) return { kind: 'ignored', why: 'not a session stream' };
  switch (event.type) {
    case 'SessionScheduled':
      return isSessionScheduled(event.data) && event.data.sessionId === sessionId
        ? { kind: 'scheduled', sessionId, data: event.data }
        : { kind: 'ignored', why: 'malformed SessionScheduled' };
    case 'SessionCancelled':
      return isSessionCancelled(event.data)
        ? { kind: 'cancelled', sessionId, data: event.data }
        : { kind: 'ignored', why: 'malformed SessionCancelled' };
    case 'ClientCharged':
      if (event.upcastError) {
        return { kind: 'charge-unreadable', sessionId, code: event.upcastError.code };
      }
      return isClientCharged(event.data)
        ? { kind: 'charged', sessionId, data: event.data }
        : { kind: 'charge-unreadable', sessionId, code: 'malformed-client-charged' };
    case 'NotificationRequested':
      return { kind: 'notification-requested', sessionId };
    case 'SessionDeleted':
      return isSessionDeleted(event.data) && event.data.sessionId === sessionId
        ? { kind: 'deleted', sessionId, data: event.data }
        : { kind: 'ignored', why: 'malformed SessionDeleted' };
    default:
      return { kind: 'ignored', why: `type ${event.type} is not projected` };
  }
}
