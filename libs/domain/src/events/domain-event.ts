import { type ClientCharged, CLIENT_CHARGED_SCHEMA_VERSION } from './client-charged';
import {
  type NotificationRequested,
  NOTIFICATION_REQUESTED_SCHEMA_VERSION,
} from './notification-requested';
import {
  type PaymentMethodsConfigured,
  PAYMENT_METHODS_CONFIGURED_SCHEMA_VERSION,
} from './payment-methods-configured';
import { type SessionCancelled, SESSION_CANCELLED_SCHEMA_VERSION } from './session-cancelled';
import { type SessionDeleted, SESSION_DELETED_SCHEMA_VERSION } from './session-deleted';
import { type SessionScheduled, SESSION_SCHEDULED_SCHEMA_VERSION } from './session-scheduled';

/** Everything a session decider emits or folds; SessionDeleted comes from the deletion stream. */
export type SessionEvent =
  SessionScheduled | SessionCancelled | ClientCharged | NotificationRequested | SessionDeleted;

export type WorkstationEvent = PaymentMethodsConfigured;

export type DomainEvent = SessionEvent | WorkstationEvent;
export type DomainEventType = DomainEvent['type'];

/** Which fold an event type belongs to: a session's (its stream and its deletion record) or a workstation's. */
export type EventFamily = 'session' | 'workstation';

/**
 * The one list of event types: for each, the schema version the application writes today and
 * the fold it belongs to. Everything else (schema versions, which types a session reads) is
 * derived from it, so a new type is added here once.
 */
export const EVENT_TYPES: Readonly<
  Record<DomainEventType, Readonly<{ schemaVersion: number; family: EventFamily }>>
> = {
  SessionScheduled: { schemaVersion: SESSION_SCHEDULED_SCHEMA_VERSION, family: 'session' },
  SessionCancelled: { schemaVersion: SESSION_CANCELLED_SCHEMA_VERSION, family: 'session' },
  ClientCharged: { schemaVersion: CLIENT_CHARGED_SCHEMA_VERSION, family: 'session' },
  NotificationRequested: {
    schemaVersion: NOTIFICATION_REQUESTED_SCHEMA_VERSION,
    family: 'session',
  },
  SessionDeleted: { schemaVersion: SESSION_DELETED_SCHEMA_VERSION, family: 'session' },
  PaymentMethodsConfigured: {
    schemaVersion: PAYMENT_METHODS_CONFIGURED_SCHEMA_VERSION,
    family: 'workstation',
  },
};

/** The schema version the application writes for each event type (the current one). */
export const SCHEMA_VERSIONS: Readonly<Record<DomainEventType, number>> = Object.fromEntries(
  Object.entries(EVENT_TYPES).map(([type, { schemaVersion }]) => [type, schemaVersion]),
) as Record<DomainEventType, number>;

export function schemaVersionOf(event: Pick<DomainEvent, 'type'>): number {
  return EVENT_TYPES[event.type].schemaVersion;
}

function isKnownType(type: string): type is DomainEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_TYPES, type);
}

/** A type a session folds (its own events and its deletion record). */
export function isSessionEventType(type: string): type is SessionEvent['type'] {
  return isKnownType(type) && EVENT_TYPES[type].family === 'session';
}

export function isWorkstationEventType(type: string): type is WorkstationEvent['type'] {
  return isKnownType(type) && EVENT_TYPES[type].family === 'workstation';
}
