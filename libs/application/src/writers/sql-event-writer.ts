import { type JsonValue, StreamDeletedError } from '@app/event-store';
import type { SqlEventStore, SqlEventStoreTransaction } from '@app/event-store/sql';
import type { Clock } from '@app/platform';
import type { IdempotencyStore } from '../idempotency';
import type { EventWriter, StreamDeletion, WritePlan } from '../ports';
import { chainedEvents } from './chain-append';
import { writeIdempotencySteps, writesRecords } from './idempotency-steps';

async function deleteIfPresent(
  scope: SqlEventStoreTransaction,
  { streamId, expectedVersion }: StreamDeletion,
): Promise<void> {
  try {
    await scope.deleteStream(streamId, expectedVersion);
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
    /** Off only for the cost benchmark (chain-append.ts). */
    private readonly chain = true,
  ) {}

  async write<R extends JsonValue>(plan: WritePlan<R>): Promise<R> {
    const { append } = plan;
    if (append && !plan.deleteStreams?.length && !writesRecords(plan)) {
      // One append is atomic by itself: no transaction round trips for the common command.
      const events = chainedEvents(append, this.chain);
      return plan.result(await this.store.append(append.streamId, events, append.expectedVersion));
    }
    return this.store.transaction(async (scope) => {
      const appended = append
        ? await scope.append(
            append.streamId,
            chainedEvents(append, this.chain),
            append.expectedVersion,
          )
        : undefined;
      for (const deletion of plan.deleteStreams ?? []) await deleteIfPresent(scope, deletion);
      const result = plan.result(appended);
      await writeIdempotencySteps(this.records, this.clock, scope.sql, plan, result);
      return result;
    });
  }
}
