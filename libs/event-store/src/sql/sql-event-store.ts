import {
  checkAppend,
  contentsOf,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamContents,
  type SubscribeOptions,
} from '../port';
import { appendPayload, expectedVersionCode } from './append-request';
import {
  appendExactAlone,
  appendNewAlone,
  BatchedStatements,
  type WrittenRow,
} from './batched-statements';
import { decodePosition, encodePosition, START } from './position-codec';
import { toRecordedEvent, type EventRow } from './row-mapping';
import type { SqlDatabase, SqlExecutor, SqlRow } from './sql-executor';
import { statementsFor, type Statements } from './statements';
import { isTombstone } from './tombstones';
import { constraintOf, sqlState, translateDriverError } from './store-errors';
import { followAll, type SubscriptionSettings } from './subscription';
import { Wakeup } from './wakeup';
import { stderrLogger, type AppLogger } from '../logging';

/** The SQLSTATE delete_stream_at raises when the stream is not at the expected version. */
const DELETE_CONFLICT = 'P0409';

/** The operations that can share a caller's transaction (see SqlEventStore.transaction). */
export interface SqlEventStoreTransaction {
  /** The transaction's executor, for the caller's own rows (idempotency records, ...). */
  readonly sql: SqlExecutor;
  append(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult>;
  deleteStream(streamId: string, expectedVersion?: number): Promise<void>;
}

export interface SqlEventStoreOptions {
  readonly db: SqlDatabase;
  readonly schema: string;
  /** Whether close() also closes `db` (false when the database is shared with others). */
  readonly ownsDatabase: boolean;
  readonly subscription?: Partial<SubscriptionSettings>;
  readonly logger?: AppLogger;
  /** Called after each committed write: tells other processes (PostgreSQL NOTIFY). */
  readonly afterCommit?: () => void;
  /** Run on close(), before the database closes: listeners, monitors. */
  readonly onClose?: () => Promise<void>;
}

export const DEFAULT_SUBSCRIPTION_SETTINGS: SubscriptionSettings = {
  batchSize: 1000,
  pollIntervalMs: 1000,
  retryDelayMs: 250,
  minReadIntervalMs: 20,
};

const MAX_STREAM_VERSION = '9223372036854775807';

interface AppendRow extends SqlRow {
  readonly out_status: 'ok' | 'idempotent' | 'deleted' | 'duplicate' | 'conflict';
  readonly out_version: string | null;
  readonly out_transaction_id: string | null;
  readonly out_sequence: string | null;
}

const positionOf = (row: {
  readonly out_transaction_id: string | null;
  readonly out_sequence: string | null;
}): Position => encodePosition(row.out_transaction_id ?? '', row.out_sequence ?? '');

/** A unique violation on the events table's keys: another append won a race. */
const isEventKeyViolation = (error: unknown): boolean =>
  sqlState(error) === '23505' &&
  ['events_event_id_key', 'events_stream_version_key'].includes(constraintOf(error) ?? '');

interface StreamReadRow extends SqlRow {
  readonly deleted: boolean;
  readonly event_id: string | null;
}

/**
 * The EventStore port over SQL, shared by the PostgreSQL and the embedded (PGlite) adapters: one
 * schema, one code path; only the SqlDatabase under it differs.
 */
export class SqlEventStore implements EventStore {
  readonly schema: string;
  private readonly db: SqlDatabase;
  private readonly sql: Statements;
  private readonly batches: BatchedStatements;
  private readonly settings: SubscriptionSettings;
  private readonly logger: AppLogger;
  private readonly wakeup = new Wakeup();
  private readonly subscriptions = new Set<AbortController>();
  private closed = false;

  constructor(private readonly options: SqlEventStoreOptions) {
    this.db = options.db;
    this.schema = options.schema;
    this.sql = statementsFor(options.schema);
    this.batches = new BatchedStatements(options.db, this.sql);
    this.settings = { ...DEFAULT_SUBSCRIPTION_SETTINGS, ...options.subscription };
    this.logger = options.logger ?? stderrLogger('event-store');
  }

  append(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    return this.guard('append', async () => {
      const result = await this.appendOn(this.db, streamId, events, expectedVersion, false);
      this.committed();
      return result;
    });
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.guard('readStream', () => this.readStreamOn(this.db, streamId, options));
  }

  readStreams(streamIds: readonly string[]): Promise<StreamContents[]> {
    return this.guard('readStreams', async () => {
      if (streamIds.length === 0) return [];
      const rows = await this.batches.streamReads.submit(streamIds);
      const deleted = new Set<number>();
      const events = streamIds.map((): RecordedEvent[] => []);
      for (const row of rows) {
        if (row.event_id === null) continue;
        // A row with an event id carries every column of the event (the LATERAL found it).
        const event = row as EventRow;
        if (isTombstone(event)) deleted.add(row.ord);
        else events[row.ord - 1]?.push(toRecordedEvent(event));
      }
      return events.map((found, index) =>
        deleted.has(index + 1) ? { kind: 'deleted' } : contentsOf(found),
      );
    });
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.guard('readAll', async () => {
      if (!Number.isSafeInteger(options.maxCount) || options.maxCount < 0) {
        throw new RangeError('readAll: maxCount must be an integer >= 0');
      }
      const from = options.after === undefined ? START : decodePosition(options.after);
      const rows = await this.db.query<EventRow>(this.sql.readAll, [
        from.transactionId,
        from.sequence,
        options.maxCount,
      ]);
      return rows.map(toRecordedEvent);
    });
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    if (options.after !== undefined) decodePosition(options.after);
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    const run = async function* (store: SqlEventStore): AsyncGenerator<RecordedEvent> {
      if (store.closed) return;
      store.subscriptions.add(controller);
      options.signal?.addEventListener('abort', stop, { once: true });
      if (options.signal?.aborted) controller.abort();
      try {
        const source = { readAll: (o: ReadAllOptions) => store.readAll(o), wakeup: store.wakeup };
        yield* followAll(
          { ...source, logger: store.logger },
          options.after,
          store.settings,
          controller.signal,
        );
      } finally {
        options.signal?.removeEventListener('abort', stop);
        store.subscriptions.delete(controller);
      }
    };
    return run(this);
  }

  headPosition(): Promise<Position | undefined> {
    return this.guard('headPosition', async () => {
      const rows = await this.db.query<{ transaction_id: string; global_sequence: string }>(
        this.sql.headPosition,
      );
      const head = rows[0];
      return head ? encodePosition(head.transaction_id, head.global_sequence) : undefined;
    });
  }

  deleteStream(streamId: string, expectedVersion?: number): Promise<void> {
    return this.guard('deleteStream', () =>
      this.deleteStreamOn(this.db, streamId, expectedVersion),
    );
  }

  /**
   * Runs `fn` in one database transaction: everything it does through the scope it receives
   * (appends, deletes, its own rows through `scope.sql`) commits together or not at all. A
   * failed append inside it aborts the transaction, so let the error propagate.
   */
  transaction<T>(fn: (scope: SqlEventStoreTransaction) => Promise<T>): Promise<T> {
    return this.guard('transaction', async () => {
      const result = await this.db.transaction((tx) =>
        fn({
          sql: tx,
          append: (streamId, events, expected) =>
            this.appendOn(tx, streamId, events, expected, true),
          deleteStream: (streamId, expectedVersion) =>
            this.deleteStreamOn(tx, streamId, expectedVersion),
        }),
      );
      this.committed();
      return result;
    });
  }

  /** Makes subscribers read now: new events may be readable (a NOTIFY, a reconnect). */
  wakeSubscribers(): void {
    this.wakeup.wake();
  }

  private committed(): void {
    this.wakeup.wake();
    this.options.afterCommit?.();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const subscription of this.subscriptions) subscription.abort();
    try {
      await this.options.onClose?.();
    } finally {
      if (this.options.ownsDatabase) await this.db.close();
    }
  }

  private async appendOn(
    executor: SqlExecutor,
    streamId: string,
    proposed: readonly NewEvent[],
    expected: ExpectedVersion,
    inTransaction: boolean,
  ): Promise<AppendResult> {
    const code = expectedVersionCode(expected);
    const events = checkAppend(streamId, proposed);
    // Serialised only when the function runs: the statements take the columns.
    const callFunction = (): Promise<AppendRow[]> =>
      executor.query<AppendRow>(this.sql.append, [streamId, code, appendPayload(events)]);
    let rows: AppendRow[];
    try {
      const row = await this.writeCommonCase(executor, streamId, events, expected, inTransaction);
      if (row) return { version: Number(row.out_version), position: positionOf(row) };
      rows = await callFunction();
    } catch (error) {
      if (!isEventKeyViolation(error)) throw error;
      if (inTransaction) {
        // The transaction is aborted and cannot be asked for the actual version.
        throw new WrongExpectedVersionError(
          streamId,
          expected,
          typeof expected === 'number' ? expected : 'no-stream',
        );
      }
      // Two appends raced past the checks and the loser hit a unique key: the same version
      // (a conflict) or the same new ids (a retry racing its original). Asked again after the
      // winner committed, the function tells which: the original result, or the conflict.
      try {
        rows = await callFunction();
      } catch (again) {
        // The ids are stored, but not where this append puts them.
        if (!isEventKeyViolation(again)) throw again;
        throw new WrongExpectedVersionError(
          streamId,
          expected,
          await this.currentVersion(streamId),
        );
      }
    }
    const row = rows[0];
    if (!row) throw new Error(`append_events returned no row for ${streamId}`);
    const actual = row.out_version === null ? 'no-stream' : Number(row.out_version);
    switch (row.out_status) {
      case 'ok':
      case 'idempotent':
        return { version: Number(row.out_version), position: positionOf(row) };
      case 'deleted':
        throw new StreamDeletedError(streamId);
      case 'duplicate':
      case 'conflict':
        throw new WrongExpectedVersionError(streamId, expected, actual);
    }
  }

  /**
   * An exact version (a cancel) or one event to a new stream (a schedule) is the common case: one
   * statement that either writes or returns no row (undefined); only then does the function run,
   * to say why (or, for other batches and 'any', to write). Outside a caller's transaction the
   * statement is shared with concurrent commands' appends (BatchedStatements).
   */
  private writeCommonCase(
    executor: SqlExecutor,
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
    inTransaction: boolean,
  ): Promise<WrittenRow | undefined> {
    if (typeof expected === 'number') {
      const append = { streamId, expected, events };
      return inTransaction
        ? appendExactAlone(executor, this.sql, append)
        : this.batches.exactAppends.submit(append);
    }
    const [event] = events;
    if (expected !== 'no-stream' || event === undefined || events.length !== 1) {
      return Promise.resolve(undefined);
    }
    const append = { streamId, event };
    return inTransaction
      ? appendNewAlone(executor, this.sql, append)
      : this.batches.newStreams.submit(append);
  }

  private async currentVersion(streamId: string): Promise<number | 'no-stream'> {
    const rows = await this.db.query<{ version: string | null }>(this.sql.streamState, [streamId]);
    const version = rows[0]?.version;
    return version === undefined || version === null ? 'no-stream' : Number(version);
  }

  private async readStreamOn(
    executor: SqlExecutor,
    streamId: string,
    options: ReadStreamOptions,
  ): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const { fromVersion, maxCount } = options;
    if (fromVersion !== undefined && (!Number.isSafeInteger(fromVersion) || fromVersion < 0)) {
      throw new RangeError('readStream: fromVersion must be an integer >= 0');
    }
    if (maxCount !== undefined && (!Number.isSafeInteger(maxCount) || maxCount < 0)) {
      throw new RangeError('readStream: maxCount must be an integer >= 0');
    }
    const from = fromVersion ?? (backwards ? MAX_STREAM_VERSION : 0);
    const rows = await executor.query<StreamReadRow & EventRow>(
      backwards ? this.sql.readStreamBackwards : this.sql.readStreamForwards,
      [streamId, from, maxCount ?? null],
    );
    const first = rows[0];
    if (!first) throw new StreamNotFoundError(streamId);
    if (first.deleted) throw new StreamDeletedError(streamId);
    return rows.filter((row) => row.event_id !== null).map(toRecordedEvent);
  }

  private async deleteStreamOn(
    executor: SqlExecutor,
    streamId: string,
    expectedVersion: number | undefined,
  ): Promise<void> {
    if (
      expectedVersion !== undefined &&
      (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0)
    ) {
      throw new RangeError('deleteStream: expectedVersion must be an integer >= 0');
    }
    let outcome: string | undefined;
    try {
      const rows = await executor.query<{ outcome: string }>(this.sql.deleteStream, [
        streamId,
        expectedVersion ?? null,
      ]);
      outcome = rows[0]?.outcome;
    } catch (error) {
      // delete_stream_at raises (undoing the tombstone) when the stream moved.
      if (sqlState(error) !== DELETE_CONFLICT || expectedVersion === undefined) throw error;
      const actual = /conflict:(\d*)/.exec(String((error as Error).message))?.[1] ?? '';
      throw new WrongExpectedVersionError(
        streamId,
        expectedVersion,
        actual === '' ? 'no-stream' : Number(actual),
      );
    }
    if (outcome !== 'deleted') throw new StreamDeletedError(streamId);
  }

  /** Refuses work after close() and translates driver failures at the adapter's edge. */
  private async guard<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError(`Event store is closed (${operation})`);
    try {
      return await work();
    } catch (error) {
      throw translateDriverError(error, operation);
    }
  }
}
