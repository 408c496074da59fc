import type { Actor } from '@app/domain';
import type { IdempotencyClaim } from '../../idempotency';

/** What every command carries besides its data: who asks, the key it holds, its If-Match. */
export interface CommandRequest {
  readonly actor: Actor;
  /** The Idempotency-Key this request claimed: its record is completed with the events. */
  readonly idempotency?: IdempotencyClaim;
  /** From If-Match: the version the client last saw. */
  readonly expectedVersion?: number;
  /**
   * The HTTP request's correlation id, stamped on every event the command writes; without one
   * (CLI, tests) the command starts its own correlation (its causation id).
   */
  readonly correlationId?: string;
}
