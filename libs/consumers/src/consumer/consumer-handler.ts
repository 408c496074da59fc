import type { EventStore, JsonObject, RecordedEvent } from '@app/event-store';
import type { SqlExecutor } from '@app/event-store/sql';

/**
 * One batch handed to a consumer's handler: the events to apply, in global order, without the
 * events of sessions set aside (their deletions kept), and how its checkpoint commits.
 */
export interface ConsumerBatch {
  readonly events: readonly RecordedEvent[];
  /** The generation written to (a projection's tables are per generation). */
  readonly generation: number;
  /** Aborts when the lease is lost: nothing may be written or committed any more. */
  readonly lost: AbortSignal;
  /**
   * Inside the effect's transaction, before the effect: locks the checkpoint and checks nobody
   * else moved it (another replica, a rebuild's swap); throws CheckpointMovedError otherwise,
   * which rolls the transaction back. `commit` opens it itself when not yet done.
   */
  open(tx: SqlExecutor): Promise<void>;
  /** Stores the checkpoint (and clears deleted sessions' set-aside records) in `tx`. */
  commit(tx: SqlExecutor): Promise<void>;
  /** open and commit in a transaction of their own: after an effect outside the database (a broker's ack). */
  commitAlone(): Promise<void>;
  /** Adds to one of the consumer's totals once the batch commits (e.g. messages sent). */
  count(counter: string, amount: number): void;
}

/**
 * What a consumer of the log does with its events; the core does everything else (checkpoint,
 * lease, catch-up then follow, backoff, poison events, status). A projection applies a batch in
 * one transaction and commits its checkpoint there; the publisher sends it and commits after the
 * broker's ack; a consumer appending to the event store commits after its append.
 */
export interface ConsumerHandler {
  /**
   * Applies `batch.events` in order, then commits (batch.commit inside its transaction, or
   * batch.commitAlone after an outside effect). Throws when it cannot: nothing counts as done.
   */
  handle(batch: ConsumerBatch): Promise<void>;
  /**
   * The session an event belongs to, which is set aside when one of its events cannot be
   * applied; undefined for events never set aside (retried until they apply).
   */
  sessionOf(event: RecordedEvent): string | undefined;
  /** A session's deletion: applied even while the session is set aside, and clears its record. */
  clearsSession(event: RecordedEvent): boolean;
  /**
   * What answers need to know of a session being set aside (whose it is, when it starts), read
   * in the transaction that records it; stored beside the record.
   */
  describeSession?(tx: SqlExecutor, sessionId: string, event: RecordedEvent): Promise<JsonObject>;
  /**
   * A set-aside session's events, in stream order, for a retry; 'gone' once the session was
   * deleted (its record is then simply dropped).
   */
  sessionEvents(eventStore: EventStore, sessionId: string): Promise<RecordedEvent[] | 'gone'>;
  /**
   * Before the first batch of each turn holding the lease: connect to what the effect needs
   * (the publisher's broker), so an unreachable one shows in the status at once, not only when
   * an event comes. A failure backs off like any other.
   */
  start?(): Promise<void>;
  /** After a failed batch: forget whatever was kept between batches (the publisher's views). */
  reset?(): void | Promise<void>;
}

/** The stored checkpoint is not the one this batch was read after: resume from the stored one. */
export class CheckpointMovedError extends Error {
  constructor(
    readonly consumer: string,
    readonly generation: number,
  ) {
    super(`The checkpoint of ${consumer} (generation ${generation}) was moved by someone else`);
    this.name = 'CheckpointMovedError';
  }
}
