import type { StreamContents } from './stream-contents';
import type { AppendResult, ExpectedVersion, NewEvent, Position, RecordedEvent } from './types';

export interface ReadStreamOptions {
  /** Stream version to start from (inclusive). Forwards default: 0; backwards default: the end. */
  readonly fromVersion?: number;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this position; absent means from the very beginning. */
  readonly after?: Position;
  readonly maxCount: number;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this checkpoint; absent means from the very beginning. */
  readonly after?: Position;
  /** Ends the iteration (the iterator returns) when aborted. */
  readonly signal?: AbortSignal;
}

/**
 * The application's only door to the system of record. Every adapter (EventStoreDB, PostgreSQL,
 * embedded PGlite) passes the same conformance suite, so callers never depend on which one runs.
 *
 * Errors are always the typed errors of ./errors: WrongExpectedVersionError, StreamNotFoundError,
 * StreamDeletedError, StoreUnavailableError (StoreRefusedError when retrying cannot help).
 */
export interface EventStore {
  /**
   * Appends atomically. Re-appending events whose ids are already stored at the same expected
   * version succeeds without writing duplicates and returns the original result: always at an
   * exact version or 'no-stream'; at 'any' only right after the first append (EventStoreDB
   * remembers only recent ids for 'any'), so a retry that may come late uses an exact version.
   * Event ids are UUIDs in either case and come back lowercase.
   */
  append(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult>;

  /** Throws StreamNotFoundError for a stream that never existed, StreamDeletedError for a deleted one. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * Several whole streams, forwards, in the order asked, each as its events, absent or deleted
   * (never StreamNotFoundError or StreamDeletedError): everything a command decides on in one
   * request where the adapter can (the SQL stores: one statement, one consistent snapshot;
   * EventStoreDB: one read per stream, in parallel). The same id twice is read twice.
   */
  readStreams(streamIds: readonly string[]): Promise<StreamContents[]>;

  /** Events of every stream in global order; never skips an event a slower transaction commits later. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * Catches up from the checkpoint, then follows live. Survives dropped connections by resuming
   * from the last delivered position; never skips and never repeats a position.
   */
  subscribe(options?: SubscribeOptions): AsyncIterable<RecordedEvent>;

  /** Position of the newest event a reader may see now, or undefined when the store is empty. */
  headPosition(): Promise<Position | undefined>;

  /**
   * Hard delete: afterwards reads and appends of the stream fail with StreamDeletedError. With
   * `expectedVersion`, only a stream whose last event is at that version (WrongExpectedVersionError
   * otherwise), so a deletion accounts for exactly the events it read (docs/audit.md).
   */
  deleteStream(streamId: string, expectedVersion?: number): Promise<void>;

  close(): Promise<void>;
}
