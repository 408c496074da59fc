import { ANY, BACKWARDS, END, FORWARDS, START, type ReadPosition } from '@eventstore/db-client';
import {
  checkAppend,
  comparePositions,
  StoreUnavailableError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from '../port';
import { appendWithRetry, retryTransient, type AppendRetryPolicy } from './append-with-retry';
import { sleep as realSleep, type Sleep } from './backoff';
import { connectEsdbClient, type EsdbClient } from './client';
import { fromEsdbEvent, isSystemEvent, toEventData } from './event-mapping';
import { decodePosition, encodePosition } from './positions';
import { revisionToVersion, toExpectedRevision } from './revisions';
import { subscribeWithResume, type ResubscribePolicy } from './subscription';
import { translateError, type ErrorContext } from './translate-error';

export interface EventStoreDbOptions {
  /** EVENTSTORE_URL, e.g. `esdb://localhost:2113?tls=false`. */
  readonly connectionString: string;
  readonly appendRetry?: Partial<AppendRetryPolicy>;
  readonly resubscribe?: Partial<ResubscribePolicy>;
  /** Events fetched per request by readAll and headPosition. */
  readonly readPageSize?: number;
  /** Makes the client; tests pass a fake. Called again by reconnect(). */
  readonly connect?: (connectionString: string) => EsdbClient;
  /** Waits between retries; tests pass an instant one. */
  readonly sleep?: Sleep;
}

const DEFAULT_APPEND_RETRY: AppendRetryPolicy = {
  maxRetries: 3,
  initialDelayMs: 50,
  maxDelayMs: 1000,
};
const DEFAULT_RESUBSCRIBE: ResubscribePolicy = {
  initialDelayMs: 100,
  maxDelayMs: 5000,
  maxAttempts: Number.POSITIVE_INFINITY,
};

export function createEventStoreDbEventStore(options: EventStoreDbOptions): EventStoreDbEventStore {
  return new EventStoreDbEventStore(options);
}

/** The EventStore port on EventStoreDB / KurrentDB through `@eventstore/db-client` (README.md). */
export class EventStoreDbEventStore implements EventStore {
  private client: EsdbClient;
  private readonly closed = new AbortController();
  private readonly appendRetry: AppendRetryPolicy;
  private readonly resubscribe: ResubscribePolicy;
  private readonly pageSize: number;
  private readonly connect: (connectionString: string) => EsdbClient;
  private readonly sleep: Sleep;

  constructor(private readonly options: EventStoreDbOptions) {
    this.connect = options.connect ?? connectEsdbClient;
    this.client = this.connect(options.connectionString);
    this.appendRetry = { ...DEFAULT_APPEND_RETRY, ...options.appendRetry };
    this.resubscribe = { ...DEFAULT_RESUBSCRIBE, ...options.resubscribe };
    this.pageSize = options.readPageSize ?? 500;
    this.sleep = options.sleep ?? realSleep;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    const context: ErrorContext = { operation: 'append', streamId, expected: expectedVersion };
    const expectedRevision = toExpectedRevision(expectedVersion);
    checkAppend(streamId, events);
    const last = events.at(-1);
    if (last === undefined) throw new RangeError('append needs at least one event');
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
      // The events are written: a failed read-back is retried too rather than reported as a
      // failed append, which the caller would retry as a conflict.
      return await retryTransient(
        () => this.positionOf(streamId, result.nextExpectedRevision, last.eventId),
        this.appendRetry,
        this.sleep,
      );
    } catch (error) {
      throw translateError(error, context);
    }
  }

  /**
   * The result as the port defines it: the version and `$all` position of the last event. The
   * server answers an idempotent re-append without a position, and its append position is not
   * documented to equal the one readers see for that event, so the event is read back: the
   * position a caller waits for (`minPosition`) is then exactly one a subscriber will deliver.
   */
  private async positionOf(
    streamId: string,
    revision: bigint,
    lastEventId: string,
  ): Promise<AppendResult> {
    for await (const resolved of this.client.readStream(streamId, {
      fromRevision: revision,
      maxCount: 1,
    })) {
      if (resolved.event?.id === lastEventId) {
        return {
          version: revisionToVersion(revision),
          position: fromEsdbEvent(resolved.event).position,
        };
      }
    }
    return this.findEvent(streamId, lastEventId);
  }

  /** Only when the server's revision is not our last event's (never seen): look for the event itself. */
  private async findEvent(streamId: string, eventId: string): Promise<AppendResult> {
    for await (const resolved of this.client.readStream(streamId, {
      direction: BACKWARDS,
      fromRevision: END,
    })) {
      if (resolved.event?.id === eventId) {
        const recorded = fromEsdbEvent(resolved.event);
        return { version: recorded.streamVersion, position: recorded.position };
      }
    }
    throw new StoreUnavailableError(
      `EventStoreDB acknowledged an append to ${streamId} whose event ${eventId} cannot be read`,
    );
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
    try {
      const read = this.client.readStream(streamId, {
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromRevision:
          fromVersion !== undefined ? BigInt(fromVersion) : direction === 'forwards' ? START : END,
        // A count of 0 still asks the server, so a missing or deleted stream is reported all the same.
        ...(maxCount !== undefined ? { maxCount: Math.max(maxCount, 1) } : {}),
      });
      for await (const resolved of read) {
        if (resolved.event !== undefined) events.push(fromEsdbEvent(resolved.event));
      }
    } catch (error) {
      throw translateError(error, { operation: 'readStream', streamId });
    }
    return maxCount === 0 ? [] : events;
  }

  async readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    if (maxCount <= 0) return [];
    const events: RecordedEvent[] = [];
    try {
      await this.scanAll(after, FORWARDS, maxCount, (event) => {
        events.push(event);
        return events.length < maxCount;
      });
    } catch (error) {
      throw translateError(error, { operation: 'readAll' });
    }
    return events;
  }

  async headPosition(): Promise<Position | undefined> {
    let head: Position | undefined;
    try {
      await this.scanAll(undefined, BACKWARDS, 1, (event) => {
        head = event.position;
        return false;
      });
    } catch (error) {
      throw translateError(error, { operation: 'headPosition' });
    }
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
      for await (const resolved of this.client.readAll({
        fromPosition: from,
        direction,
        maxCount: pageSize,
      })) {
        received += 1;
        const event = resolved.event;
        if (event === undefined) continue;
        const position = encodePosition(event.position);
        if (boundary !== undefined && isNotBeyond(position, boundary, direction)) continue;
        boundary = position;
        from = event.position;
        if (isSystemEvent(event)) continue;
        if (!take(fromEsdbEvent(event))) return;
      }
      if (received < pageSize) return;
    }
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    const stop = options.signal
      ? AbortSignal.any([this.closed.signal, options.signal])
      : this.closed.signal;
    const deps = { client: () => this.client, policy: this.resubscribe, sleep: this.sleep };
    return { [Symbol.asyncIterator]: () => subscribeWithResume(deps, options.after, stop) };
  }

  /** Tombstone: the id can never be used again; the data goes at the next scavenge (README.md). */
  async deleteStream(streamId: string): Promise<void> {
    try {
      // A stream that never existed is tombstoned too, so its id can never be used; deleting a
      // deleted stream fails with StreamDeletedError, as on every adapter.
      await this.client.tombstoneStream(streamId, { expectedRevision: ANY });
    } catch (error) {
      throw translateError(error, { operation: 'deleteStream', streamId });
    }
  }

  /**
   * Drops the client's connections and starts a new client: live subscriptions see their stream
   * end and resume from their last delivered position on the new one.
   */
  async reconnect(): Promise<void> {
    const old = this.client;
    this.client = this.connect(this.options.connectionString);
    await old.dispose();
  }

  async close(): Promise<void> {
    this.closed.abort();
    await this.client.dispose();
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
