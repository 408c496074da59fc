import type { AppendResult, ExpectedVersion, NewEvent, SqlExecutor } from '@app/event-store';

export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion: ExpectedVersion;
  /**
   * The `hash` of the stream's event at `expectedVersion`, as the command read it: the new events
   * chain after it (docs/audit.md). Absent for no stream, or after an event written before the chain.
   */
  readonly headHash?: string;
}

/** A stream the command removes, at exactly the version it read (undefined: whatever is left). */
export interface StreamDeletion {
  readonly streamId: string;
  readonly expectedVersion?: number;
}

/**
 * What one command writes: appends in order, then stream deletions. `finish` runs last with the
 * append results; it returns the answer and may write rows of its own through `sql` (the
 * idempotency record) — inside the same transaction where the event store is relational.
 */
export interface WritePlan<T> {
  readonly appends: readonly StreamAppend[];
  readonly deleteStreams?: readonly StreamDeletion[];
  /** Deleting a stream that is already deleted is not an error here (finishing a half-done delete). */
  readonly finish: (results: readonly AppendResult[], sql: SqlExecutor) => Promise<T>;
  /**
   * Whether `finish` writes rows (an idempotency record, a purge). When it does not and the plan
   * is one append, the append runs alone (one statement, no BEGIN/COMMIT round trips).
   */
  readonly finishWrites: boolean;
}

/**
 * The write side of the event store as commands need it. PostgreSQL and embedded: one database
 * transaction. EventStoreDB: the steps in order, `finish` afterwards on the relational database
 * (the documented window: a crash between them leaves the events written and the key in flight
 * until its lease expires; the retry then re-decides and answers from the new state).
 */
export interface EventWriter {
  readonly atomic: boolean;
  write<T>(plan: WritePlan<T>): Promise<T>;
}

export const EVENT_WRITER = Symbol('EVENT_WRITER');
