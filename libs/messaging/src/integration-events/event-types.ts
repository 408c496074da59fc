import type { TopicRole } from '../topics';

/**
 * CloudEvents `type` of every integration event: stable names, versioned independently of the
 * domain events they come from (a domain schema change need not break consumers).
 */
export const INTEGRATION_EVENT_TYPES = {
  sessionScheduled: 'sessions.session-scheduled.v1',
  sessionCancelled: 'sessions.session-cancelled.v1',
  clientCharged: 'sessions.client-charged.v1',
  sessionDeleted: 'sessions.session-deleted.v1',
  notificationRequested: 'sessions.notification-requested.v1',
  sessionState: 'sessions.session-state.v1',
} as const;

export type IntegrationEventType =
  (typeof INTEGRATION_EVENT_TYPES)[keyof typeof INTEGRATION_EVENT_TYPES];

/** The JSON Schema file (libs/messaging/schemas/) of each type with a payload. */
export const SCHEMA_FILES: Readonly<Record<IntegrationEventType, string>> = {
  'sessions.session-scheduled.v1': 'session-scheduled.v1.json',
  'sessions.session-cancelled.v1': 'session-cancelled.v1.json',
  'sessions.client-charged.v1': 'client-charged.v1.json',
  'sessions.session-deleted.v1': 'session-deleted.v1.json',
  'sessions.notification-requested.v1': 'notification-requested.v1.json',
  'sessions.session-state.v1': 'session-state.v1.json',
};

const SCHEMA_BASE = 'https://schemas.session-cancellation.dev/kafka/';

/** `$id` of a type's schema; also sent as ce_dataschema. */
export function schemaId(type: IntegrationEventType): string {
  return `${SCHEMA_BASE}${SCHEMA_FILES[type]}`;
}

/**
 * CloudEvents `source` per topic: the state topic repeats the ids of the lifecycle topic's events
 * (one state message per session event), so its source differs and (ce_source, ce_id) stays unique.
 */
export const CE_SOURCES: Readonly<Record<TopicRole, string>> = {
  lifecycle: '/session-cancellation/sessions/lifecycle',
  notifications: '/session-cancellation/sessions/notifications',
  state: '/session-cancellation/sessions/state',
};
