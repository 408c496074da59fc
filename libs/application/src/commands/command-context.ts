import type { Actor } from '@app/domain';
import type { ClaimedKey } from '../idempotency';

/** What every command carries besides its data: who asks, and the idempotency key it holds. */
export interface CommandContext {
  readonly actor: Actor;
  readonly idempotency?: ClaimedKey;
  /** From If-Match: the version the client last saw. */
  readonly expectedVersion?: number;
}
