import {
  END,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamJSONRecordedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type JSONEventData,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
  type TombstoneStreamOptions,
} from '@eventstore/db-client';
import type { EsdbClient, EsdbSubscription } from '../client';
import type { EsdbPosition } from '../positions';

/**
 * Test support: an in-memory stand-in for an EventStoreDB server and its clients, throwing the
 * real client's error classes, with scripted failures a live server cannot produce on demand.
 * Positions step by 100 with prepare = commit - 1 on odd events, so encoding is exercised.
 */
export type StoredEvent = AllStreamJSONRecordedEvent;

export interface SubscriptionScript {
  /** Deliver this many events, then fail with `error` (or end, without one). */
  readonly failAfter?: number;
  readonly error?: Error;
  /** Start from this $all index when it is before the requested position: the server repeating itself. */
  readonly replayFromIndex?: number;
}

export interface SubscribeCall {
  readonly fromPosition: SubscribeToAllOptions['fromPosition'];
  readonly hasFilter: boolean;
  unsubscribed: boolean;
}

export interface AppendFailure {
  readonly error: Error;
  /** The batch stream broke after the server wrote the events: the write happened, the promise failed. */
  readonly afterWrite: boolean;
}

const key = (p: EsdbPosition): bigint => (p.commit << 64n) | p.prepare;

export class FakeEsdbServer {
  readonly log: StoredEvent[] = [];
  readonly tombstoned = new Set<string>();
  readonly subscribeCalls: SubscribeCall[] = [];
  readonly subscriptionScripts: SubscriptionScript[] = [];
  readonly appendFailures: AppendFailure[] = [];
  readonly appendCalls: Array<{
    streamName: string;
    ids: string[];
    expectedRevision: AppendExpectedRevision;
  }> = [];
  readonly clients: FakeEsdbClient[] = [];
  private waiters: Array<() => void> = [];
  private clock = Date.parse('2026-01-01T00:00:00.000Z');

  client(): FakeEsdbClient {
    const client = new FakeEsdbClient(this);
    this.clients.push(client);
    return client;
  }

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  stream(name: string): StoredEvent[] {
    return this.log.filter((e) => e.streamId === name);
  }

  /** Writes straight into the log, as another writer or the server itself would. */
  write(
    streamName: string,
    type: string,
    data: Record<string, unknown>,
    metadata?: Record<string, unknown>,
    id?: string,
  ): StoredEvent {
    const index = this.log.length + 1;
    const commit = BigInt(index * 100);
    const event: StoredEvent = {
      streamId: streamName,
      id: id ?? `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      isJson: true,
      revision: BigInt(this.stream(streamName).length),
      type,
      created: new Date((this.clock += 1000)),
      data,
      metadata: metadata ?? {},
      position: { commit, prepare: index % 2 === 1 ? commit - 1n : commit },
    };
    this.log.push(event);
    this.notify();
    return event;
  }

  appendNow(
    streamName: string,
    events: JSONEventData[],
    expected: AppendExpectedRevision,
  ): AppendResult {
    if (this.tombstoned.has(streamName)) throw StreamDeletedError.fromStreamName(streamName);
    const existing = this.stream(streamName);
    const current = existing.length === 0 ? 'no_stream' : BigInt(existing.length - 1);
    // Idempotence as the server does it: the same ids right after the expected revision.
    const start =
      expected === 'no_stream' ? 0 : typeof expected === 'bigint' ? Number(expected) + 1 : -1;
    const already =
      start >= 0
        ? existing.slice(start, start + events.length)
        : existing.filter((e) => events.some((n) => n.id === e.id));
    if (already.length === events.length && already.every((e, i) => e.id === events[i].id)) {
      return { success: true, nextExpectedRevision: already.at(-1)!.revision, position: undefined };
    }
    const matches =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      (typeof expected === 'bigint' && current === expected);
    if (!matches) {
      throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    }
    let last: StoredEvent | undefined;
    for (const e of events)
      last = this.write(
        streamName,
        e.type,
        e.data as Record<string, unknown>,
        e.metadata as Record<string, unknown>,
        e.id,
      );
    return { success: true, nextExpectedRevision: last!.revision, position: last!.position };
  }
}

export class FakeEsdbClient implements EsdbClient {
  disposed = false;
  private readonly subscriptions = new Set<SubscribeCall>();

  constructor(private readonly server: FakeEsdbServer) {}

  async appendToStream(
    streamName: string,
    events: JSONEventData[],
    options: { expectedRevision: AppendExpectedRevision },
  ): Promise<AppendResult> {
    this.server.appendCalls.push({
      streamName,
      ids: events.map((e) => e.id),
      expectedRevision: options.expectedRevision,
    });
    const failure = this.server.appendFailures.shift();
    // Answers arrive later, as over the network, so concurrent appends interleave.
    await Promise.resolve();
    if (failure && !failure.afterWrite) throw failure.error;
    const result = this.server.appendNow(streamName, events, options.expectedRevision);
    if (failure) throw failure.error;
    return result;
  }

  readStream(
    streamName: string,
    options: ReadStreamOptions,
  ): AsyncIterable<{ event: StoredEvent }> {
    const server = this.server;
    return (async function* () {
      await Promise.resolve();
      if (server.tombstoned.has(streamName)) throw StreamDeletedError.fromStreamName(streamName);
      const events = server.stream(streamName);
      if (events.length === 0) throw new StreamNotFoundError(undefined, streamName);
      const backwards = options.direction === 'backwards';
      const from = options.fromRevision ?? (backwards ? END : START);
      let selected = backwards ? [...events].reverse() : events;
      if (typeof from === 'bigint')
        selected = selected.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
      for (const event of selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)))
        yield { event };
    })();
  }

  readAll(options: ReadAllOptions): AsyncIterable<AllStreamResolvedEvent> {
    const server = this.server;
    return (async function* () {
      await Promise.resolve();
      const backwards = options.direction === 'backwards';
      const from = options.fromPosition ?? (backwards ? END : START);
      let selected = backwards ? [...server.log].reverse() : [...server.log];
      if (typeof from === 'object') {
        const k = key(from);
        selected = selected.filter((e) =>
          backwards ? key(e.position) <= k : key(e.position) >= k,
        );
      }
      for (const event of selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)))
        yield { event };
    })();
  }

  subscribeToAll(options: SubscribeToAllOptions): EsdbSubscription {
    const server = this.server;
    const call: SubscribeCall = {
      fromPosition: options.fromPosition,
      hasFilter: options.filter !== undefined,
      unsubscribed: false,
    };
    server.subscribeCalls.push(call);
    this.subscriptions.add(call);
    const script = server.subscriptionScripts.shift() ?? {};
    const from = options.fromPosition;
    const requested =
      typeof from === 'object'
        ? server.log.filter((e) => key(e.position) <= key(from)).length
        : from === END
          ? server.log.length
          : 0;
    // A server may repeat events it already sent, never skip one: replays only move backwards.
    let index = Math.min(script.replayFromIndex ?? requested, requested);
    const events = (async function* (): AsyncGenerator<AllStreamResolvedEvent> {
      let delivered = 0;
      while (!call.unsubscribed) {
        if (script.failAfter !== undefined && delivered >= script.failAfter) {
          if (script.error) throw script.error;
          return;
        }
        const next = server.log[index];
        if (next !== undefined) {
          index += 1;
          delivered += 1;
          yield { event: next };
          continue;
        }
        await server.changed();
      }
    })();
    return {
      [Symbol.asyncIterator]: () => events,
      unsubscribe: () => {
        call.unsubscribed = true;
        server.notify();
        return Promise.resolve();
      },
    };
  }

  tombstoneStream(streamName: string, _options: TombstoneStreamOptions): Promise<unknown> {
    if (this.server.tombstoned.has(streamName))
      return Promise.reject(StreamDeletedError.fromStreamName(streamName));
    this.server.tombstoned.add(streamName);
    this.server.write(`$$${streamName}`, '$metadata', { $tb: 'max' });
    return Promise.resolve({});
  }

  dispose(): Promise<void> {
    // Like the real client: cancelling on the client's side ends a subscription without an error.
    this.disposed = true;
    for (const call of this.subscriptions) call.unsubscribed = true;
    this.server.notify();
    return Promise.resolve();
  }
}
