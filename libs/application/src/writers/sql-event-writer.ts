import { type JsonValue, StreamDeletedError } from '@app/event-store';
import type { SqlEventStore, SqlEventStoreTransaction } from '@app/event-store/sql';
import type { Clock } from '@app/platform';
import type { IdempotencyStore } from '../idempotency';
import type { EventWriter, WritePlan } from '../ports';
import { writeIdempotencySteps, writesRecords } from './idempotency-steps';

async function deleteIfPresent(scope: SqlEventStoreTransaction, streamId: string): Promise<void> {
  try {
    await scope.deleteStream(streamId);
  } catch (error) {
    // Already deleted: a repeated delete finishing a half-done one has nothing left to do.
    if (!(error instanceof StreamDeletedError)) throw error;
  }
}

/**
 * PostgreSQL and embedded: every step of a command (the append, stream deletions, the idempotency
 * rows) in ONE database transaction, so they commit together or not at all.
 */
export class SqlEventWriter implements EventWriter {
  constructor(
    private readonly store: SqlEventStore,
    private readonly records: IdempotencyStore,
    private readonly clock: Clock,
  ) {}

  async write<R extends JsonValue>(plan: WritePlan<R>): Promise<R> {
    const { append } = plan;
    if (append && !plan.deleteStreams?.length && !writesRecords(plan)) {
      // One append is atomic by itself: no transaction round trips for the common command.
      return plan.result(
        await this.store.append(append.streamId, append.events, append.expectedVersion),
      );
    }
    return this.store.transaction(async (scope) => {
      const appended = append
        ? await scope.append(append.streamId, append.events, append.expectedVersion)
        : undefined;
      for (const streamId of plan.deleteStreams ?? []) await deleteIfPresent(scope, streamId);
      const result = plan.result(appended);
      await writeIdempotencySteps(this.records, this.clock, scope.sql, plan, result);
      return result;
    });
  }
}
