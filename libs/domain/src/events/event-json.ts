import {
  isSessionEventType,
  isWorkstationEventType,
  type DomainEvent,
  type SessionEvent,
  type WorkstationEvent,
} from './domain-event';

/** Structurally the event store's JSON types, declared here because the domain imports nothing. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonData = { [key: string]: Json };

/** The payload as stored: plain JSON, absent optional fields (a note for other reasons) left out. */
export function eventDataToJson(event: DomainEvent): JsonData {
  return JSON.parse(JSON.stringify(event.data)) as JsonData;
}

/**
 * Back from the store, after upcasting to the current schema version, for the deciders' fold.
 * The payload is trusted, not re-validated: only the deciders wrote it, and a command must still
 * see a damaged history (evolve is total). Consumers of the log read strictly instead
 * (readSessionEvent). An unknown type answers undefined for the caller to decide (skip or fail).
 */
export function toSessionEvent(recorded: {
  type: string;
  data: unknown;
}): SessionEvent | undefined {
  return isSessionEventType(recorded.type)
    ? ({ type: recorded.type, data: recorded.data } as SessionEvent)
    : undefined;
}

export function toWorkstationEvent(recorded: {
  type: string;
  data: unknown;
}): WorkstationEvent | undefined {
  return isWorkstationEventType(recorded.type)
    ? ({ type: recorded.type, data: recorded.data } as WorkstationEvent)
    : undefined;
}
