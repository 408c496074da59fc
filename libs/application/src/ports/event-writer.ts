import type { AppendResult, ExpectedVersion, JsonValue, NewEvent } from '@app/event-store';
import type { IdempotencyClaim, IdempotencyScope } from '../idempotency';

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
 * What one command writes, as data: an append, stream deletions, the idempotency records of a
 * deleted session to purge, and the record of the request's own key, completed with the result.
 */
export interface WritePlan<R extends JsonValue> {
  /** Absent when a command only finishes earlier work (a half-done delete). */
  readonly append?: StreamAppend;
  /** Deleting a stream that is already deleted is not an error here (finishing a half-done delete). */
  readonly deleteStreams?: readonly StreamDeletion[];
  /** A deleted session: its idempotency records go, but the `keep` key's own. */
  readonly purgeRecords?: {
    readonly sessionId: string;
    readonly keep: IdempotencyScope | undefined;
  };
  /** The request's key: completed with the result, in the transaction of the events. */
  readonly record?: {
    readonly claim: IdempotencyClaim;
    readonly sessionId: string | undefined;
  };
  /** The command's result from what the append returned (undefined: nothing appended). */
  readonly result: (appended: AppendResult | undefined) => R;
}

/**
 * The write side of the event store as commands need it. PostgreSQL and embedded: one database
 * transaction (a plain append alone when the plan holds nothing else). EventStoreDB: the steps in
 * order, the records afterwards on the relational database (the documented window: a crash
 * between them leaves the events written and the key in flight until its lease expires; the
 * retry then re-decides and answers from the new state).
 */
export interface EventWriter {
  write<R extends JsonValue>(plan: WritePlan<R>): Promise<R>;
}

export const EVENT_WRITER = Symbol('EVENT_WRITER');
