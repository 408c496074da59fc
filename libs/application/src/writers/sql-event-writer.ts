import {
  StreamDeletedError,
  type AppendResult,
  type SqlEventStore,
  type SqlEventStoreTransaction,
  type SqlExecutor,
} from '@app/event-store';
import type { EventWriter, StreamDeletion, WritePlan } from '../ports';
import { chainedEvents } from './chain-append';

/** Handed to a `finish` that declared it writes nothing: using it is a bug. */
const NO_ROWS: SqlExecutor = {
  query: () => Promise.reject(new Error('this write plan declared finishWrites: false')),
};

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
 * PostgreSQL and embedded: every step of a command (appends, stream deletions, the idempotency
 * record through `finish`) in ONE database transaction, so they commit together or not at all.
 */
export class SqlEventWriter implements EventWriter {
  readonly atomic = true;

  constructor(
    private readonly store: SqlEventStore,
    /** Off only for the cost benchmark (chain-append.ts). */
    private readonly chain = true,
  ) {}

  async write<T>(plan: WritePlan<T>): Promise<T> {
    const [only, ...others] = plan.appends;
    if (only && others.length === 0 && !plan.deleteStreams?.length && !plan.finishWrites) {
      // One append is atomic by itself: no transaction round trips for the common command.
      const events = chainedEvents(only, this.chain);
      const result = await this.store.append(only.streamId, events, only.expectedVersion);
      return plan.finish([result], NO_ROWS);
    }
    return this.store.transaction(async (scope) => {
      const results: AppendResult[] = [];
      for (const step of plan.appends) {
        const events = chainedEvents(step, this.chain);
        results.push(await scope.append(step.streamId, events, step.expectedVersion));
      }
      for (const deletion of plan.deleteStreams ?? []) await deleteIfPresent(scope, deletion);
      return plan.finish(results, scope.sql);
    });
  }
}
