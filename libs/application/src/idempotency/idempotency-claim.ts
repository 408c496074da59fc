import type { JsonValue } from '@app/event-store';
import type { IdempotencyScope } from './idempotency-scope';

/**
 * A key a request holds: the scope and the claim token of its lease. Plain data: the writer
 * completes the record with it in the transaction of the command's events, and completing a
 * record whose lease was taken over fails that transaction.
 */
export interface IdempotencyClaim {
  readonly scope: IdempotencyScope;
  readonly token: string;
}

/**
 * What a completed record holds. A command's result (its own data, written with the events), or a
 * refusal the caller recorded in its own terms (the API stores the problem it answered); the
 * records never interpret either.
 */
export type IdempotencyOutcome =
  | { readonly kind: 'result'; readonly result: JsonValue }
  | { readonly kind: 'refusal'; readonly refusal: JsonValue };
