import type { SqlExecutor } from '@app/event-store/sql';
import type { CommandAnswer } from '../answers/command-answer';
import type { IdempotencyScope } from './idempotency-scope';

/**
 * A key this request holds. The handler completes it inside the transaction of its events, so the
 * answer is stored exactly when the effect is; completing a key whose lease was taken over throws
 * and rolls that transaction back.
 */
export interface ClaimedKey {
  readonly scope: IdempotencyScope;
  complete(sql: SqlExecutor, answer: CommandAnswer, sessionId?: string): Promise<void>;
}
