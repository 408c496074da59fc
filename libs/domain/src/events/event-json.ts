import { type DomainEvent, type SessionEvent, type WorkstationEvent } from './domain-event';

/** Structurally the event store's JSON types, declared here because the domain imports nothing. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonData = { [key: string]: Json };

const SESSION_EVENT_TYPES: readonly string[] = [
  'SessionScheduled',
  'SessionCancelled',
  'ClientCharged',
  'NotificationRequested',
  'SessionDeleted',
];
const WORKSTATION_EVENT_TYPES: readonly string[] = ['PaymentMethodsConfigured'];

/** The payload as stored: plain JSON, absent optional fields (a note for other reasons) left out. */
export function eventDataToJson(event: DomainEvent): JsonData {
  return JSON.parse(JSON.stringify(event.data)) as JsonData;
}

/**
 * Back from the store, after upcasting to the current schema version. The payload is trusted, not
 * re-validated: only the deciders wrote it. An unknown type answers undefined for the caller to
 * decide (skip or fail), rather than a guess.
 */
export function toSessionEvent(recorded: {
  type: string;
  data: unknown;
}): SessionEvent | undefined {
  return SESSION_EVENT_TYPES.includes(recorded.type)
    ? ({ type: recorded.type, data: recorded.data } as SessionEvent)
    : undefined;
}

export function toWorkstationEvent(recorded: {
  type: string;
  data: unknown;
}): WorkstationEvent | undefined {
  return WORKSTATION_EVENT_TYPES.includes(recorded.type)
    ? ({ type: recorded.type, data: recorded.data } as WorkstationEvent)
    : undefined;
}
