import { ANY, BACKWARDS, END, FORWARDS, START, type ReadPosition } from '@eventstore/db-client';
import {
  checkAppend,
  comparePositions,
  readStreamsOneByOne,
  StoreUnavailableError,
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
import { appendWithRetry, retryTransient, type AppendRetryPolicy } from './append-with-retry';
import type { Sleep } from './backoff';
import { pause } from '../pause';
import { connectEsdbClient, type EsdbClient } from './client';
import { disposeClient } from './client-disposal';
import { InFlight } from './in-flight';
import { readToEnd } from './read-to-end';
import { fromEsdbEvent, isSystemEvent, positionOf, toEventData } from './event-mapping';
import { decodePosition, encodePosition, isMissingPosition } from './positions';
import { revisionToVersion, toExpectedRevision } from './revisions';
import { subscribeWithResume, type ResubscribePolicy } from './subscription';
import { translateError, type ErrorContext } from './translate-error';
import { type AppLogger, stderrLogger } from '../logging';

export interface EventStoreDbOptions {
  /** EVENTSTORE_URL, e.g. `esdb://localhost:2113?tls=false`. */
  readonly connectionString: string;
  readonly appendRetry?: Partial<AppendRetryPolicy>;
  readonly resubscribe?: Partial<ResubscribePolicy>;
  /** Events fetched per request by readAll and headPosition. */
  readonly readPageSize?: number;
  /** Waits between retries; tests pass an instant one. */
  readonly sleep?: Sleep;
  /** Where failed resubscriptions are reported (default: stderr). */
  readonly logger?: AppLogger;
}

const DEFAULT_APPEND_RETRY: AppendRetryPolicy = {
  maxRetries: 3,
  initialDelayMs: 50,
  maxDelayMs: 1000,
};
const DEFAULT_RESUBSCRIBE: ResubscribePolicy = {
  initialDelayMs: 100,
  maxDelayMs: 5000,
  // About half a minute of failures in a row; the consumer then sees StoreUnavailableError and
  // backs off as it does for every outage.
  maxAttempts: 10,
};

export function createEventStoreDbEventStore(options: EventStoreDbOptions): EventStoreDbEventStore {
  return new EventStoreDbEventStore(options);
}

/** The EventStore port on EventStoreDB / KurrentDB through `@eventstore/db-client` (README.md). */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EsdbClient;
  private readonly closed = new AbortController();
  private readonly operations = new InFlight();
  private readonly logger: AppLogger;
  private readonly appendRetry: AppendRetryPolicy;
  private readonly resubscribe: ResubscribePolicy;
  private readonly pageSize: number;
  private readonly sleep: Sleep;

  constructor(options: EventStoreDbOptions) {
    this.client = connectEsdbClient(options.connectionString);
    this.logger = options.logger ?? stderrLogger('event-store');
    this.appendRetry = { ...DEFAULT_APPEND_RETRY, ...options.appendRetry };
    this.resubscribe = { ...DEFAULT_RESUBSCRIBE, ...options.resubscribe };
    this.pageSize = options.readPageSize ?? 500;
    this.sleep = options.sleep ?? pause;
  }

  async append(
    streamId: string,
    proposed: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    const context: ErrorContext = { operation: 'append', streamId, expected: expectedVersion };
    const expectedRevision = toExpectedRevision(expectedVersion);
    const events = checkAppend(streamId, proposed);
    const last = events[events.length - 1];
    return this.operation(async () => {
      try {
        // Built once: every retry sends the very same event ids, which is what makes it idempotent.
        const data = events.map(toEventData);
        const result = await appendWithRetry(
          () => this.client,
          streamId,
          data,
          expectedRevision,
          this.appendRetry,
          this.sleep,
        );
        const version = revisionToVersion(result.nextExpectedRevision);
        // The reply's (commit, commit) is the log position of the last event, which is its
        // position in $all (README.md, "Append result"); only a reply without one is read back.
        if (!isMissingPosition(result.position) && result.position !== undefined) {
          return { version, position: encodePosition(result.position) };
        }
        // The events are written: a failed read-back is retried too rather than reported as a
        // failed append, which the caller would retry as a conflict.
        return await retryTransient(
          () => this.readBackPosition(streamId, result.nextExpectedRevision, last.eventId),
          this.appendRetry,
          this.sleep,
        );
      } catch (error) {
        throw translateError(error, context);
      }
    });
  }

  /** The version and `$all` position of the event at `revision`, which must be `eventId`. */
  private async readBackPosition(
    streamId: string,
    revision: bigint,
    eventId: string,
  ): Promise<AppendResult> {
    let found: RecordedEvent | undefined;
    await readToEnd(
      this.client.readStream(streamId, { fromRevision: revision, maxCount: 1 }),
      (resolved) => {
        if (resolved.event?.id === eventId) found = fromEsdbEvent(resolved.event);
        return false;
      },
    );
    if (found === undefined) {
      throw new StoreUnavailableError(
        `EventStoreDB acknowledged an append to ${streamId} whose event ${eventId} is not at revision ${revision}`,
      );
    }
    return { version: found.streamVersion, position: found.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const { fromVersion, maxCount } = options;
    if (fromVersion !== undefined && (!Number.isSafeInteger(fromVersion) || fromVersion < 0)) {
      throw new RangeError(`fromVersion must be a non-negative integer: ${fromVersion}`);
    }
    if (maxCount !== undefined && (!Number.isSafeInteger(maxCount) || maxCount < 0)) {
      throw new RangeError(`maxCount must be a non-negative integer: ${maxCount}`);
    }
    const events: RecordedEvent[] = [];
    await this.operation(async () => {
      try {
        const read = this.client.readStream(streamId, {
          direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
          fromRevision:
            fromVersion !== undefined
              ? BigInt(fromVersion)
              : direction === 'forwards'
                ? START
                : END,
          // A count of 0 still asks the server, so a missing or deleted stream is reported all the same.
          ...(maxCount !== undefined ? { maxCount: Math.max(maxCount, 1) } : {}),
        });
        await readToEnd(read, (resolved) => {
          if (resolved.event !== undefined) events.push(fromEsdbEvent(resolved.event));
          return true;
        });
      } catch (error) {
        throw translateError(error, { operation: 'readStream', streamId });
      }
    });
    return maxCount === 0 ? [] : events;
  }

  /** The server has no multi-stream read: one read per stream, all in flight at once. */
  readStreams(streamIds: readonly string[]): Promise<StreamContents[]> {
    return readStreamsOneByOne((streamId) => this.readStream(streamId), streamIds);
  }

  async readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    if (maxCount <= 0) return [];
    const events: RecordedEvent[] = [];
    await this.operation(async () => {
      try {
        await this.scanAll(after, FORWARDS, maxCount, (event) => {
          events.push(event);
          return events.length < maxCount;
        });
      } catch (error) {
        throw translateError(error, { operation: 'readAll' });
      }
    });
    return events;
  }

  async headPosition(): Promise<Position | undefined> {
    let head: Position | undefined;
    await this.operation(async () => {
      try {
        await this.scanAll(undefined, BACKWARDS, 1, (event) => {
          head = event.position;
          return false;
        });
      } catch (error) {
        throw translateError(error, { operation: 'headPosition' });
      }
    });
    return head;
  }

  /**
   * Pages through `$all` (which the client cannot filter on a plain read), skipping system events
   * and the boundary event (a read from a position includes the event at it), until `take` says
   * stop or `$all` ends.
   */
  private async scanAll(
    after: Position | undefined,
    direction: typeof FORWARDS | typeof BACKWARDS,
    wanted: number,
    take: (event: RecordedEvent) => boolean,
  ): Promise<void> {
    let boundary = after;
    let from: ReadPosition =
      after !== undefined ? decodePosition(after) : direction === FORWARDS ? START : END;
    for (;;) {
      // At least 2: a page holds the boundary event again, and must still move past it.
      const pageSize = Math.max(2, Math.min(this.pageSize, wanted + 1));
      let received = 0;
      let taking = true;
      const page = this.client.readAll({ fromPosition: from, direction, maxCount: pageSize });
      await readToEnd(page, (resolved) => {
        received += 1;
        const event = resolved.event;
        if (event === undefined) return true;
        // Only the position of a system record (a tombstone sits at revision 2^63-1): map no more.
        const position = positionOf(event);
        if (boundary !== undefined && isNotBeyond(position, boundary, direction)) return true;
        boundary = position;
        from = event.position;
        if (isSystemEvent(event)) return true;
        taking = take(fromEsdbEvent(event));
        return taking;
      });
      if (!taking || received < pageSize) return;
    }
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    const stop = options.signal
      ? AbortSignal.any([this.closed.signal, options.signal])
      : this.closed.signal;
    const deps = {
      client: () => this.client,
      policy: this.resubscribe,
      sleep: this.sleep,
      logger: this.logger,
    };
    return { [Symbol.asyncIterator]: () => subscribeWithResume(deps, options.after, stop) };
  }

  /** Tombstone: the id can never be used again; the data goes at the next scavenge (README.md). */
  async deleteStream(streamId: string, expectedVersion?: number): Promise<void> {
    await this.operation(async () => {
      try {
        // A stream that never existed is tombstoned too, so its id can never be used; deleting a
        // deleted stream fails with StreamDeletedError, as on every adapter.
        await this.client.tombstoneStream(streamId, {
          expectedRevision:
            expectedVersion === undefined ? ANY : toExpectedRevision(expectedVersion),
        });
      } catch (error) {
        throw translateError(error, { operation: 'deleteStream', streamId });
      }
    });
  }

  /**
   * Ends subscriptions, lets the operations under way finish (new ones are refused), then
   * disposes the client once no append of the process is in flight (client-disposal.ts).
   */
  async close(): Promise<void> {
    this.closed.abort();
    await this.operations.idle();
    await disposeClient(this.client);
  }

  /** Runs an operation of this store, refused once close() has begun. */
  private operation<T>(run: () => Promise<T>): Promise<T> {
    if (this.closed.signal.aborted) {
      return Promise.reject(new StoreUnavailableError('The EventStoreDB event store is closed'));
    }
    return this.operations.run(run);
  }
}

/** True when `position` is the boundary itself or lies on the side already read. */
function isNotBeyond(
  position: Position,
  boundary: Position,
  direction: typeof FORWARDS | typeof BACKWARDS,
): boolean {
  const order = comparePositions(position, boundary);
  return direction === FORWARDS ? order <= 0 : order >= 0;
}
