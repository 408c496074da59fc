import { StreamDeletedError, type AppendResult, type EventStore } from '@app/event-store';
import type { SqlDatabase } from '@app/event-store/sql';
import type { EventWriter, WritePlan } from '../ports';

/**
 * EventStoreDB: no transaction spans streams or reaches the relational database. The steps run in
 * order — appends (each atomic in itself), then tombstones, then `finish` on the relational
 * database in its own transaction. The window: a crash after the events and before `finish`
 * leaves the idempotency key in flight; once its 30 s lease expires a retry takes it over,
 * re-reads the stream and is answered from the new state (a 409 for a cancel already applied)
 * instead of the first answer. The deletion order (record first, expecting no stream) keeps a
 * delete safe: a repeated delete finishes the tombstone.
 */
export class SequentialEventWriter implements EventWriter {
  readonly atomic = false;

  constructor(
    private readonly store: EventStore,
    private readonly relational: SqlDatabase,
  ) {}

  async write<T>(plan: WritePlan<T>): Promise<T> {
    const results: AppendResult[] = [];
    for (const step of plan.appends) {
      results.push(await this.store.append(step.streamId, step.events, step.expectedVersion));
    }
    for (const streamId of plan.deleteStreams ?? []) {
      try {
        await this.store.deleteStream(streamId);
      } catch (error) {
        if (!(error instanceof StreamDeletedError)) throw error;
      }
    }
    return this.relational.transaction((sql) => plan.finish(results, sql));
  }
}
