import { type EventStore, type JsonValue, StreamDeletedError } from '@app/event-store';
import type { SqlDatabase } from '@app/event-store/sql';
import type { Clock } from '@app/platform';
import type { IdempotencyStore } from '../idempotency';
import type { EventWriter, WritePlan } from '../ports';
import { chainedEvents } from './chain-append';
import { writeIdempotencySteps, writesRecords } from './idempotency-steps';

/**
 * EventStoreDB: no transaction spans streams or reaches the relational database. The steps run in
 * order: the append (atomic in itself), then tombstones, then the idempotency rows on the
 * relational database in their own transaction. The window: a crash after the events and before
 * the rows leaves the idempotency key in flight; once its 30 s lease expires a retry takes it
 * over, re-reads the stream and is answered from the new state (a 409 for a cancel already
 * applied) instead of the first answer. The deletion order (record first, expecting no stream)
 * keeps a delete safe: a repeated delete finishes the tombstone.
 */
export class SequentialEventWriter implements EventWriter {
  constructor(
    private readonly store: EventStore,
    private readonly relational: SqlDatabase,
    private readonly records: IdempotencyStore,
    private readonly clock: Clock,
    /** Off only for the cost benchmark (chain-append.ts). */
    private readonly chain = true,
  ) {}

  async write<R extends JsonValue>(plan: WritePlan<R>): Promise<R> {
    const { append } = plan;
    const appended = append
      ? await this.store.append(
          append.streamId,
          chainedEvents(append, this.chain),
          append.expectedVersion,
        )
      : undefined;
    for (const { streamId, expectedVersion } of plan.deleteStreams ?? []) {
      try {
        await this.store.deleteStream(streamId, expectedVersion);
      } catch (error) {
        if (!(error instanceof StreamDeletedError)) throw error;
      }
    }
    const result = plan.result(appended);
    if (!writesRecords(plan)) return result;
    return this.relational.transaction(async (sql) => {
      await writeIdempotencySteps(this.records, this.clock, sql, plan, result);
      return result;
    });
  }
}
