import type { JsonObject, UpcastError } from './types';

export type UpcastOutcome =
  | { readonly ok: true; readonly data: JsonObject }
  | { readonly ok: false; readonly error: UpcastError };

/** Turns one stored schema version of one event type into the next. Pure; never throws. */
export interface Upcaster {
  readonly eventType: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  upcast(data: JsonObject): UpcastOutcome;
}
