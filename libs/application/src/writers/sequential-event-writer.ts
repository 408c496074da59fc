import {
  StreamDeletedError,
  type AppendResult,
  type EventStore,
  type SqlDatabase,
} from '@app/event-store';
import type { EventWriter, WritePlan } from '../ports';
import { chainedEvents } from './chain-append';

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
    /** Off only for the cost benchmark (chain-append.ts). */
    private readonly chain = true,
  ) {}

  async write<T>(plan: WritePlan<T>): Promise<T> {
    const results: AppendResult[] = [];
    for (const step of plan.appends) {
      const events = chainedEvents(step, this.chain);
      results.push(await this.store.append(step.streamId, events, step.expectedVersion));
    }
    for (const { streamId, expectedVersion } of plan.deleteStreams ?? []) {
      try {
        await this.store.deleteStream(streamId, expectedVersion);
      } catch (error) {
        if (!(error instanceof StreamDeletedError)) throw error;
      }
    }
    return this.relational.transaction((sql) => plan.finish(results, sql));
  }
}
