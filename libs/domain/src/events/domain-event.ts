import {
  type ClientCharged,
  CLIENT_CHARGED,
  CLIENT_CHARGED_SCHEMA_VERSION,
} from './client-charged';
import {
  type NotificationRequested,
  NOTIFICATION_REQUESTED,
  NOTIFICATION_REQUESTED_SCHEMA_VERSION,
} from './notification-requested';
import {
  type PaymentMethodsConfigured,
  PAYMENT_METHODS_CONFIGURED,
  PAYMENT_METHODS_CONFIGURED_SCHEMA_VERSION,
} from './payment-methods-configured';
import {
  type SessionCancelled,
  SESSION_CANCELLED,
  SESSION_CANCELLED_SCHEMA_VERSION,
} from './session-cancelled';
import {
  type SessionDeleted,
  SESSION_DELETED,
  SESSION_DELETED_SCHEMA_VERSION,
} from './session-deleted';
import {
  type SessionScheduled,
  SESSION_SCHEDULED,
  SESSION_SCHEDULED_SCHEMA_VERSION,
} from './session-scheduled';

/** Everything a session decider emits or folds; SessionDeleted comes from the deletion stream. */
export type SessionEvent =
  SessionScheduled | SessionCancelled | ClientCharged | NotificationRequested | SessionDeleted;

export type WorkstationEvent = PaymentMethodsConfigured;

export type DomainEvent = SessionEvent | WorkstationEvent;
export type DomainEventType = DomainEvent['type'];

/** The schema version the application writes for each event type (the current one). */
export const SCHEMA_VERSIONS: Readonly<Record<DomainEventType, number>> = {
  [SESSION_SCHEDULED]: SESSION_SCHEDULED_SCHEMA_VERSION,
  [SESSION_CANCELLED]: SESSION_CANCELLED_SCHEMA_VERSION,
  [CLIENT_CHARGED]: CLIENT_CHARGED_SCHEMA_VERSION,
  [NOTIFICATION_REQUESTED]: NOTIFICATION_REQUESTED_SCHEMA_VERSION,
  [SESSION_DELETED]: SESSION_DELETED_SCHEMA_VERSION,
  [PAYMENT_METHODS_CONFIGURED]: PAYMENT_METHODS_CONFIGURED_SCHEMA_VERSION,
};

export const DOMAIN_EVENT_TYPES = Object.keys(SCHEMA_VERSIONS) as readonly DomainEventType[];

export function schemaVersionOf(event: Pick<DomainEvent, 'type'>): number {
  return SCHEMA_VERSIONS[event.type];
}

export function isDomainEventType(type: string): type is DomainEventType {
  return Object.prototype.hasOwnProperty.call(SCHEMA_VERSIONS, type);
}
