import { StreamDeletedError, type AppendResult } from '@app/event-store';
import type { SqlEventStore, SqlEventStoreTransaction, SqlExecutor } from '@app/event-store/sql';
import type { EventWriter, WritePlan } from '../ports';

/** Handed to a `finish` that declared it writes nothing: using it is a bug. */
const NO_ROWS: SqlExecutor = {
  query: () => Promise.reject(new Error('this write plan declared finishWrites: false')),
};

async function deleteIfPresent(scope: SqlEventStoreTransaction, streamId: string): Promise<void> {
  try {
    await scope.deleteStream(streamId);
  } catch (error) {
    // Already deleted: a repeated delete finishing a half-done one has nothing left to do.
    if (!(error instanceof StreamDeletedError)) throw error;
  }
}

/**
 * PostgreSQL and embedded: every step of a command (appends, stream deletions, the idempotency
 * record through `finish`) in ONE database transaction, so they commit together or not at all.
 */
export class SqlEventWriter implements EventWriter {
  readonly atomic = true;

  constructor(private readonly store: SqlEventStore) {}

  async write<T>(plan: WritePlan<T>): Promise<T> {
    const [only, ...others] = plan.appends;
    if (only && others.length === 0 && !plan.deleteStreams?.length && !plan.finishWrites) {
      // One append is atomic by itself: no transaction round trips for the common command.
      const result = await this.store.append(only.streamId, only.events, only.expectedVersion);
      return plan.finish([result], NO_ROWS);
    }
    return this.store.transaction(async (scope) => {
      const results: AppendResult[] = [];
      for (const step of plan.appends) {
        results.push(await scope.append(step.streamId, step.events, step.expectedVersion));
      }
      for (const streamId of plan.deleteStreams ?? []) await deleteIfPresent(scope, streamId);
      return plan.finish(results, scope.sql);
    });
  }
}
