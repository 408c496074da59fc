import {
  checkAppend,
  readStreamsOneByOne,
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
  type UpcastError,
} from '../port';

export interface InMemoryEventStoreOptions {
  /** When events are recorded; tests pin it. */
  readonly now?: () => Date;
  /**
   * Like EventStoreDB before a scavenge: a deleted stream's events stay in readAll/subscribe
   * (default true), so consumers must skip them themselves.
   */
  readonly keepDeletedInAll?: boolean;
}

/**
 * A test double of the EventStore port for the read-model suites: positions are 1, 2, 3...; it
 * can also record an event with an upcast error, as a legacy import would read.
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly deleted = new Set<string>();
  private readonly waiters = new Set<() => void>();
  private readonly eventIds = new Set<string>();
  private closed = false;
  private readonly now: () => Date;

  constructor(private readonly options: InMemoryEventStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    await Promise.resolve();
    return this.appendNow(streamId, events, expectedVersion);
  }

  /** Appends with an upcast error attached to every event (a bad legacy ClientCharged). */
  appendUnreadable(streamId: string, event: NewEvent, error: UpcastError): AppendResult {
    return this.appendNow(streamId, [event], 'any', error);
  }

  private appendNow(
    streamId: string,
    proposed: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
    upcastError?: UpcastError,
  ): AppendResult {
    const events = checkAppend(streamId, proposed);
    if (this.deleted.has(streamId)) throw new StreamDeletedError(streamId);
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length - 1;
    const retried = this.retriedAppend(stream, events, expectedVersion);
    if (retried !== undefined) return retried;
    if (events.some((event) => this.eventIds.has(event.eventId.toLowerCase()))) {
      throw new WrongExpectedVersionError(
        streamId,
        expectedVersion,
        stream.length === 0 ? 'no-stream' : current,
      );
    }
    const ok =
      expectedVersion === 'any' ||
      (expectedVersion === 'no-stream' && stream.length === 0) ||
      expectedVersion === current;
    if (!ok) {
      throw new WrongExpectedVersionError(
        streamId,
        expectedVersion,
        stream.length === 0 ? 'no-stream' : current,
      );
    }
    const recordedAt = this.now().toISOString();
    for (const event of events) {
      const recorded: RecordedEvent = {
        ...event,
        streamId,
        streamVersion: stream.length,
        position: String(this.log.length + 1),
        storedSchemaVersion: event.schemaVersion,
        recordedAt,
        ...(upcastError ? { upcastError } : {}),
      };
      stream.push(recorded);
      this.log.push(recorded);
      this.eventIds.add(event.eventId.toLowerCase());
    }
    this.streams.set(streamId, stream);
    for (const wake of [...this.waiters]) wake();
    return { version: stream.length - 1, position: String(this.log.length) };
  }

  /** The port's idempotency: the same ids already stored where this append would put them. */
  private retriedAppend(
    stream: readonly RecordedEvent[],
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
  ): AppendResult | undefined {
    const first = stream.findIndex((event) => event.eventId === events[0]?.eventId);
    if (first < 0) return undefined;
    const expectedFirst =
      expectedVersion === 'any' ? first : expectedVersion === 'no-stream' ? 0 : expectedVersion + 1;
    const stored = stream.slice(first, first + events.length);
    const same =
      first === expectedFirst &&
      stored.length === events.length &&
      stored.every((event, index) => event.eventId === events[index]?.eventId);
    const last = stored[stored.length - 1];
    return same && last ? { version: last.streamVersion, position: last.position } : undefined;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (this.deleted.has(streamId)) return Promise.reject(new StreamDeletedError(streamId));
    const stream = this.streams.get(streamId);
    if (!stream) return Promise.reject(new StreamNotFoundError(streamId));
    const forwards = options.direction !== 'backwards';
    const from = options.fromVersion ?? (forwards ? 0 : stream.length - 1);
    const selected = forwards
      ? stream.filter((event) => event.streamVersion >= from)
      : stream.filter((event) => event.streamVersion <= from).reverse();
    return Promise.resolve(selected.slice(0, options.maxCount ?? selected.length));
  }

  readStreams(streamIds: readonly string[]): Promise<StreamContents[]> {
    return readStreamsOneByOne((streamId) => this.readStream(streamId), streamIds);
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const start = options.after === undefined ? 0 : Number(options.after);
    const visible = this.log
      .slice(start)
      .filter(
        (event) => this.options.keepDeletedInAll !== false || !this.deleted.has(event.streamId),
      );
    return Promise.resolve(visible.slice(0, options.maxCount));
  }

  async *subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    let after = options.after;
    const signal = options.signal;
    while (!signal?.aborted && !this.closed) {
      const events = await this.readAll({ after, maxCount: 100 });
      for (const event of events) {
        if (signal?.aborted) return;
        yield event;
        after = event.position;
      }
      if (events.length > 0) continue;
      if (this.closed) return;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          this.waiters.delete(wake);
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        this.waiters.add(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }

  headPosition(): Promise<Position | undefined> {
    return Promise.resolve(this.log.length === 0 ? undefined : String(this.log.length));
  }

  deleteStream(streamId: string, expectedVersion?: number): Promise<void> {
    if (this.deleted.has(streamId)) return Promise.reject(new StreamDeletedError(streamId));
    const current = (this.streams.get(streamId)?.length ?? 0) - 1;
    if (expectedVersion !== undefined && current !== expectedVersion) {
      return Promise.reject(
        new WrongExpectedVersionError(
          streamId,
          expectedVersion,
          current < 0 ? 'no-stream' : current,
        ),
      );
    }
    this.deleted.add(streamId);
    this.streams.delete(streamId);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.waiters]) wake();
    return Promise.resolve();
  }
}
