import { randomUUID } from 'node:crypto';
import {
  Server,
  ServerCredentials,
  type sendUnaryData,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type ServiceError,
} from '@grpc/grpc-js';
import { GossipService, type IGossipServer } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import {
  ServerFeaturesService,
  type IServerFeaturesServer,
} from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';
import { Empty, UUID } from '@eventstore/db-client/generated/shared_pb';
import type { Status } from '@eventstore/db-client/generated/status_pb';
import {
  StreamsService,
  type IStreamsServer,
} from '@eventstore/db-client/generated/streams_grpc_pb';
import {
  AppendResp,
  BatchAppendResp,
  type DeleteResp,
  ReadReq,
  TombstoneResp,
  type AppendReq,
  type BatchAppendReq,
  type DeleteReq,
  type ReadResp,
  type TombstoneReq,
} from '@eventstore/db-client/generated/streams_pb';
import { WireLog, type ExpectedRevision, type LogRecord, type ProposedEvent } from './wire-log';
import {
  allStreamPosition,
  batchStatus,
  caughtUp,
  checkpoint,
  confirmation,
  expectedRevision,
  protobufEmpty,
  readEvent,
  rpc,
  sizeOnDisk,
  streamIdentifier,
  streamName,
  streamNotFound,
  toProposedEvent,
} from './wire-protocol';

/**
 * Test support, never shipped: a gRPC server built from `@eventstore/db-client`'s own generated
 * service definitions that answers the real client as EventStoreDB does (the adapter's README
 * lists each behaviour and the server source it was read from). Loopback only, in-memory, with
 * switches for what a live server does only now and then: a restart, a scavenge, a forgotten
 * id cache, a broken batch stream, a refusal.
 */

export type CallKind =
  | 'gossip'
  | 'server-features'
  | 'read-stream'
  | 'read-all'
  | 'subscribe'
  | 'append'
  | 'batch-append'
  | 'delete'
  | 'tombstone';

/** One append request as the server received it (for retry assertions). */
export interface ReceivedAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly ids: readonly string[];
}

export interface WireLevelServerOptions {
  /** What ServerFeatures reports as the server version. */
  readonly version?: string;
  /** MaxAppendSize: bytes of one append request (the server's default is a chunk, 256 MiB). */
  readonly maxAppendSize?: number;
  /** MaxAppendEventSize (24.10 and later; default 16 MiB). */
  readonly maxAppendEventSize?: number;
  readonly recentIdsCapacity?: number;
  /** Answer stream reads without positions, as servers before 22.6 did. */
  readonly streamReadsWithoutPosition?: boolean;
}

interface PendingBatch {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly events: ProposedEvent[];
  failed: boolean;
}

interface Injected {
  /** The status the call fails with; none ends it cleanly (a subscription the server closed). */
  readonly error: ServiceError | undefined;
  /** For a broken batch stream: whether the events were written before it broke. */
  readonly afterWrite: boolean;
  /** For a subscription: how many events it delivers first. */
  readonly afterEvents: number;
}

const U64_MAX = (1n << 64n) - 1n;
const CHECKPOINT_INTERVAL = 32;

export class WireLevelServer {
  readonly log: WireLog;
  readonly appends: ReceivedAppend[] = [];
  readonly calls: Array<{ readonly kind: CallKind }> = [];
  private server: Server;
  private port = 0;
  private readonly open = new Map<object, CallKind>();
  private idleWaiters: Array<{ kind: CallKind | undefined; wake: () => void }> = [];
  private readonly injected = new Map<CallKind, Injected[]>();
  private readonly batchAnswers: Status[] = [];
  private paused: Array<() => void> | undefined;
  private appendPositions = true;
  private readonly instanceId = randomUUID();
  private readonly options: Required<Omit<WireLevelServerOptions, 'recentIdsCapacity'>>;

  private constructor(options: WireLevelServerOptions) {
    this.options = {
      version: options.version ?? '25.1.0.0 (wire-level test server)',
      maxAppendSize: options.maxAppendSize ?? 256 * 1024 * 1024,
      maxAppendEventSize: options.maxAppendEventSize ?? 16 * 1024 * 1024,
      streamReadsWithoutPosition: options.streamReadsWithoutPosition ?? false,
    };
    this.log = new WireLog({ recentIdsCapacity: options.recentIdsCapacity });
    this.server = this.createServer();
  }

  static async start(options: WireLevelServerOptions = {}): Promise<WireLevelServer> {
    const server = new WireLevelServer(options);
    await server.bind();
    return server;
  }

  /** The connection string for the client: insecure, loopback. */
  get url(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  get version(): string {
    return this.options.version;
  }

  /** Calls the server has not finished (reads it is still serving, subscriptions, batch streams). */
  openCalls(kind?: CallKind): number {
    return [...this.open.values()].filter((open) => kind === undefined || open === kind).length;
  }

  /** Resolves once no call (of `kind`) is open; a leaked call keeps it pending. */
  whenIdle(kind?: CallKind): Promise<void> {
    if (this.openCalls(kind) === 0) return Promise.resolve();
    return new Promise((wake) => this.idleWaiters.push({ kind, wake }));
  }

  /**
   * The next call of `kind` fails with this status (a batch stream breaks, rejecting every append
   * in flight; a subscription after `afterEvents` events). Without a status the call just ends.
   */
  failNext(
    kind: CallKind,
    error: ServiceError | undefined,
    options: { afterWrite?: boolean; afterEvents?: number } = {},
  ): void {
    const queue = this.injected.get(kind) ?? [];
    queue.push({
      error,
      afterWrite: options.afterWrite ?? false,
      afterEvents: options.afterEvents ?? 0,
    });
    this.injected.set(kind, queue);
  }

  /** Forgets every failure injected and not yet used. */
  clearFaults(): void {
    this.injected.clear();
    this.batchAnswers.length = 0;
  }

  /** The next batch append is answered with this status instead of being written. */
  answerNextBatchAppend(status: Status): void {
    this.batchAnswers.push(status);
  }

  /** From now on append replies carry no position, as older servers answer idempotent appends. */
  withholdAppendPositions(): void {
    this.appendPositions = false;
  }

  /** Holds every append until the returned function is called, as a slow server would. */
  pauseAppends(): () => void {
    const held: Array<() => void> = [];
    this.paused = held;
    return () => {
      this.paused = undefined;
      for (const resume of held) resume();
    };
  }

  /** A node restart: every connection and call is cut, the data stays, the port stays. */
  async restart(): Promise<void> {
    this.server.forceShutdown();
    this.server = this.createServer();
    await this.bind();
  }

  async stop(): Promise<void> {
    this.server.forceShutdown();
    await this.whenIdle();
  }

  private async bind(): Promise<void> {
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync(
        `127.0.0.1:${this.port}`,
        ServerCredentials.createInsecure(),
        (error, port) => (error ? reject(error) : resolve(port)),
      ),
    );
  }

  private createServer(): Server {
    const server = new Server();
    const features: IServerFeaturesServer = {
      getSupportedMethods: (call, callback) => this.supportedMethods(call, callback),
    };
    const streams: IStreamsServer = {
      read: (call) => this.read(call),
      append: (call, callback) => this.append(call, callback),
      batchAppend: (call) => this.batchAppend(call),
      delete: (call, callback) => this.softDelete(call, callback),
      tombstone: (call, callback) => this.tombstone(call, callback),
    };
    const gossip: IGossipServer = {
      read: (call, callback) => this.gossip(call, callback),
    };
    server.addService(GossipService, gossip);
    server.addService(ServerFeaturesService, features);
    server.addService(StreamsService, streams);
    return server;
  }

  /** Counts the call open until `done` runs (or the client cancels it). */
  private track(kind: CallKind, call: NodeJS.EventEmitter): () => void {
    const token = {};
    this.calls.push({ kind });
    this.open.set(token, kind);
    let finished = false;
    const done = (): void => {
      if (finished) return;
      finished = true;
      this.open.delete(token);
      const ready = this.idleWaiters.filter((waiter) => this.openCalls(waiter.kind) === 0);
      this.idleWaiters = this.idleWaiters.filter((waiter) => !ready.includes(waiter));
      for (const waiter of ready) waiter.wake();
    };
    call.once('cancelled', done);
    call.once('close', done);
    return done;
  }

  private takeInjected(kind: CallKind): Injected | undefined {
    return this.injected.get(kind)?.shift();
  }

  private whenResumed(): Promise<void> {
    const held = this.paused;
    if (held === undefined) return Promise.resolve();
    return new Promise((resolve) => held.push(resolve));
  }

  /** Gossip.Read: a cluster of one, the leader, which `esdb+discover://` connects to. */
  private gossip(
    call: ServerUnaryCall<Empty, ClusterInfo>,
    callback: sendUnaryData<ClusterInfo>,
  ): void {
    const done = this.track('gossip', call);
    const endPoint = new EndPoint().setAddress('127.0.0.1').setPort(this.port);
    const leader = new MemberInfo()
      .setInstanceId(new UUID().setString(this.instanceId))
      .setTimeStamp(String(Date.now() * 10_000))
      .setState(MemberInfo.VNodeState.LEADER)
      .setIsAlive(true)
      .setHttpEndPoint(endPoint);
    done();
    callback(null, new ClusterInfo().setMembersList([leader]));
  }

  /** ServerFeatures.cs: the methods this node serves; BatchAppend makes the client batch. */
  private supportedMethods(
    call: ServerUnaryCall<Empty, SupportedMethods>,
    callback: sendUnaryData<SupportedMethods>,
  ): void {
    const done = this.track('server-features', call);
    const methods = ['read', 'append', 'batchappend', 'delete', 'tombstone'].map((name) =>
      new SupportedMethod()
        .setServiceName('event_store.client.streams.streams')
        .setMethodName(name),
    );
    const answer = new SupportedMethods()
      .setEventStoreServerVersion(this.options.version)
      .setMethodsList(methods);
    done();
    callback(null, answer);
  }

  private read(call: ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions();
    const kind: CallKind = options?.hasSubscription()
      ? 'subscribe'
      : options?.hasAll()
        ? 'read-all'
        : 'read-stream';
    const done = this.track(kind, call);
    const fail = (error: ServiceError): void => {
      done();
      call.emit('error', error);
    };
    const end = (): void => {
      done();
      call.end();
    };
    const injected = this.takeInjected(kind);
    if (injected !== undefined && (kind !== 'subscribe' || injected.afterEvents === 0)) {
      if (injected.error === undefined) return end();
      return fail(injected.error);
    }
    if (options === undefined || !options.hasUuidOption()) {
      return fail(rpc.custom(3, "'uuidOption' is a required argument"));
    }
    const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
    if (kind === 'subscribe') {
      return this.subscribe(call, options, { structuredIds, injected, done, fail, end });
    }
    const count = BigInt(options.getCount());
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    if (kind === 'read-stream') {
      const name = streamName(options.getStream()?.getStreamIdentifier());
      const stream = this.log.stream(name);
      // Enumerator.ReadStreamForwards/Backwards: a deleted stream is an error, a missing one a message.
      if (stream?.tombstoned) return fail(rpc.streamDeleted(name));
      if (stream === undefined || stream.records.length === 0) {
        call.write(streamNotFound(name));
        return end();
      }
      const from = options.getStream();
      const last = BigInt(stream.records.length - 1);
      const start = from?.hasRevision() ? BigInt(from.getRevision()) : backwards ? last : 0n;
      const selected = backwards
        ? [...stream.records].reverse().filter((record) => record.revision <= start)
        : stream.records.filter((record) => record.revision >= start);
      const hidePosition = this.options.streamReadsWithoutPosition;
      for (const record of selected.slice(0, Number(count > 1_000_000n ? 1_000_000n : count))) {
        call.write(readEvent(record, { hidePosition, structuredIds }));
      }
      return end();
    }
    const all = options.getAll();
    let from: bigint | 'start' | 'end' = all?.hasStart() ? 'start' : 'end';
    if (all?.hasPosition()) {
      const position = all.getPosition();
      const commit = BigInt(position?.getCommitPosition() ?? '0');
      const prepare = BigInt(position?.getPreparePosition() ?? '0');
      // Position's constructor throws for commit < prepare; the handler's exception is UNKNOWN.
      if (commit < prepare) return fail(rpc.handlerThrew());
      if (commit !== U64_MAX) {
        if (!this.log.isBoundary(commit)) return fail(rpc.invalidPosition());
        from = commit;
      }
    }
    const records = this.log.records();
    const selected = backwards
      ? [...records]
          .reverse()
          .filter((record) => from === 'end' || (from !== 'start' && record.position < from))
      : records.filter((record) => from === 'start' || (from !== 'end' && record.position >= from));
    for (const record of selected.slice(0, Number(count > 1_000_000n ? 1_000_000n : count))) {
      call.write(readEvent(record, { hidePosition: false, structuredIds }));
    }
    return end();
  }

  /**
   * Enumerator.AllSubscription(Filtered): confirmation, catch-up strictly after the checkpoint,
   * a checkpoint and caught-up, then live events; the call ends only when the client cancels it.
   */
  private subscribe(
    call: ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReq.Options,
    how: {
      readonly structuredIds: boolean;
      readonly injected: Injected | undefined;
      readonly done: () => void;
      readonly fail: (error: ServiceError) => void;
      readonly end: () => void;
    },
  ): void {
    const { structuredIds, injected, done, fail, end } = how;
    call.write(confirmation(randomUUID()));
    const all = options.getAll();
    let after = -1n;
    if (all?.hasEnd()) after = this.log.endPosition - 1n;
    if (all?.hasPosition()) {
      const position = all.getPosition();
      const commit = BigInt(position?.getCommitPosition() ?? '0');
      const prepare = BigInt(position?.getPreparePosition() ?? '0');
      if (commit < prepare) return fail(rpc.handlerThrew());
      if (!this.log.isBoundary(commit)) return fail(rpc.invalidPosition());
      after = commit;
    }
    const accepts = options.hasFilter() ? compileFilter(options.getFilter()) : () => true;
    let considered = 0;
    let delivered = 0;
    let caught = false;
    let stopped = false;
    const pump = (): void => {
      if (stopped) return;
      for (const record of this.log.records()) {
        if (record.position <= after) continue;
        if (injected !== undefined && delivered >= injected.afterEvents) {
          stop();
          return injected.error === undefined ? end() : fail(injected.error);
        }
        after = record.position;
        considered += 1;
        if (accepts(record)) {
          delivered += 1;
          call.write(readEvent(record, { hidePosition: false, structuredIds }));
        } else if (options.hasFilter() && considered % CHECKPOINT_INTERVAL === 0) {
          call.write(checkpoint(record.position));
        }
      }
      if (!caught) {
        caught = true;
        if (options.hasFilter()) call.write(checkpoint(after < 0n ? 0n : after));
        call.write(caughtUp());
      }
    };
    const unlisten = this.log.onWrite(pump);
    const stop = (): void => {
      stopped = true;
      unlisten();
      done();
    };
    call.once('cancelled', stop);
    call.once('close', stop);
    pump();
  }

  /** Streams.Append.cs: one append per call, answered in the response message. */
  private append(
    call: ServerReadableStream<AppendReq, AppendResp>,
    callback: sendUnaryData<AppendResp>,
  ): void {
    const done = this.track('append', call);
    let target: { streamId: string; expected: ExpectedRevision } | undefined;
    const events: ProposedEvent[] = [];
    const answer = (error: ServiceError | null, response?: AppendResp): void => {
      done();
      callback(error, response);
    };
    call.on('data', (request: AppendReq) => {
      const options = request.getOptions();
      if (options !== undefined) {
        target = {
          streamId: streamName(options.getStreamIdentifier()),
          expected: expectedRevision(
            options,
            options.hasRevision() ? options.getRevision() : undefined,
          ),
        };
      }
      const message = request.getProposedMessage();
      if (message !== undefined) events.push(toProposedEvent(message));
    });
    call.on('end', () => {
      void (async () => {
        await this.whenResumed();
        const injected = this.takeInjected('append');
        if (injected !== undefined) return answer(injected.error ?? rpc.handlerThrew());
        if (target === undefined) return answer(rpc.custom(3, 'no options'));
        const refusal = this.sizeRefusal(events);
        if (refusal !== undefined) {
          return answer(
            refusal.kind === 'append'
              ? rpc.maxAppendSizeExceeded(refusal.max)
              : rpc.maxAppendEventSizeExceeded(refusal.eventId, refusal.size, refusal.max),
          );
        }
        this.appends.push({ ...target, ids: events.map((event) => event.id) });
        const outcome = this.log.append(target.streamId, target.expected, events);
        if (outcome.kind === 'stream-deleted') return answer(rpc.streamDeleted(target.streamId));
        const response = new AppendResp();
        if (outcome.kind === 'wrong-expected-version') {
          const wrong = new AppendResp.WrongExpectedVersion();
          if (outcome.current < 0n) wrong.setCurrentNoStream(new Empty());
          else wrong.setCurrentRevision(outcome.current.toString());
          const expected = target.expected;
          const empty = new Empty();
          if (expected === 'any') wrong.setExpectedAny(empty);
          else if (expected === 'no_stream') wrong.setExpectedNoStream(empty);
          else if (expected === 'stream_exists') wrong.setExpectedStreamExists(empty);
          else wrong.setExpectedRevision(expected.toString());
          return answer(null, response.setWrongExpectedVersion(wrong));
        }
        const success = new AppendResp.Success();
        success.setCurrentRevision(outcome.revision.toString());
        if (outcome.position >= 0n && this.appendPositions) {
          const position = new AppendResp.Position();
          position.setCommitPosition(outcome.position.toString());
          position.setPreparePosition(outcome.position.toString());
          success.setPosition(position);
        }
        return answer(null, response.setSuccess(success));
      })();
    });
  }

  /**
   * Streams.BatchAppend.cs: one long-lived stream carries every append of a client, each request
   * answered by correlation id; an error on the stream itself fails every append in flight.
   */
  private batchAppend(call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    const done = this.track('batch-append', call);
    const pending = new Map<string, PendingBatch>();
    let broken = false;
    let queue = Promise.resolve();
    call.on('data', (request: BatchAppendReq) => {
      // Requests are handled in arrival order, as the server's single receive loop does.
      queue = queue.then(() =>
        this.batchRequest(
          call,
          request,
          pending,
          () => broken,
          () => {
            broken = true;
            done();
          },
        ),
      );
    });
    call.on('end', () => {
      void queue.then(() => {
        if (broken) return;
        done();
        call.end();
      });
    });
  }

  private async batchRequest(
    call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>,
    request: BatchAppendReq,
    pending: Map<string, PendingBatch>,
    isBroken: () => boolean,
    breakStream: () => void,
  ): Promise<void> {
    if (isBroken()) return;
    const correlation = request.getCorrelationId();
    const key = correlation?.getString() ?? '';
    const options = request.getOptions();
    if (options !== undefined) {
      pending.set(key, {
        streamId: streamName(options.getStreamIdentifier()),
        expected: expectedRevision(
          options,
          options.hasStreamPosition() ? options.getStreamPosition() : undefined,
        ),
        events: [],
        failed: false,
      });
    }
    const batch = pending.get(key);
    if (batch === undefined) return;
    const respond = (fill: (response: BatchAppendResp) => void): void => {
      const response = new BatchAppendResp();
      if (correlation !== undefined) response.setCorrelationId(correlation);
      response.setStreamIdentifier(streamIdentifier(batch.streamId));
      fill(response);
      call.write(response);
    };
    try {
      batch.events.push(...request.getProposedMessagesList().map(toProposedEvent));
    } catch (error) {
      pending.delete(key);
      respond((response) => response.setError(batchStatus.badRequest((error as Error).message)));
      return;
    }
    if (!request.getIsFinal()) return;
    pending.delete(key);
    await this.whenResumed();
    if (isBroken()) return;
    this.appends.push({
      streamId: batch.streamId,
      expected: batch.expected,
      ids: batch.events.map((event) => event.id),
    });
    const injected = this.takeInjected('batch-append');
    if (injected !== undefined) {
      if (injected.afterWrite) this.log.append(batch.streamId, batch.expected, batch.events);
      breakStream();
      call.emit('error', injected.error ?? rpc.handlerThrew());
      return;
    }
    const answer = this.batchAnswers.shift();
    if (answer !== undefined) return respond((response) => response.setError(answer));
    const refusal = this.sizeRefusal(batch.events);
    if (refusal !== undefined) {
      const status =
        refusal.kind === 'append'
          ? batchStatus.maximumAppendSizeExceeded(refusal.max)
          : batchStatus.maximumAppendEventSizeExceeded(refusal.eventId, refusal.size, refusal.max);
      return respond((response) => response.setError(status));
    }
    const outcome = this.log.append(batch.streamId, batch.expected, batch.events);
    respond((response) => {
      if (outcome.kind === 'stream-deleted') {
        response.setError(batchStatus.streamDeleted(batch.streamId));
      } else if (outcome.kind === 'wrong-expected-version') {
        response.setError(batchStatus.wrongExpectedVersion(outcome.current, batch.expected));
      } else {
        const success = new BatchAppendResp.Success();
        success.setCurrentRevision(outcome.revision.toString());
        // BatchAppendResp.Success.Completed: a negative position is "no position".
        if (outcome.position >= 0n && this.appendPositions) {
          success.setPosition(allStreamPosition(outcome.position));
        } else success.setNoPosition(protobufEmpty());
        response.setSuccess(success);
      }
    });
  }

  private sizeRefusal(
    events: readonly ProposedEvent[],
  ):
    | { kind: 'append'; max: number }
    | { kind: 'event'; eventId: string; size: number; max: number }
    | undefined {
    let total = 0;
    for (const event of events) {
      const size = sizeOnDisk(event);
      if (size > this.options.maxAppendEventSize) {
        return {
          kind: 'event',
          eventId: event.id.toLowerCase(),
          size,
          max: this.options.maxAppendEventSize,
        };
      }
      total += size;
    }
    return total > this.options.maxAppendSize
      ? { kind: 'append', max: this.options.maxAppendSize }
      : undefined;
  }

  /** Streams.Delete.cs, Tombstone: a hard delete, answered with the tombstone's position. */
  private tombstone(
    call: ServerUnaryCall<TombstoneReq, TombstoneResp>,
    callback: sendUnaryData<TombstoneResp>,
  ): void {
    const done = this.track('tombstone', call);
    const answer = (error: ServiceError | null, response?: TombstoneResp): void => {
      done();
      callback(error, response);
    };
    const injected = this.takeInjected('tombstone');
    if (injected !== undefined) return answer(injected.error ?? rpc.handlerThrew());
    const options = call.request.getOptions();
    const name = streamName(options?.getStreamIdentifier());
    const expected = options
      ? expectedRevision(options, options.hasRevision() ? options.getRevision() : undefined)
      : 'any';
    const outcome = this.log.tombstone(name, expected);
    if (outcome.kind === 'stream-deleted') return answer(rpc.streamDeleted(name));
    if (outcome.kind === 'wrong-expected-version') {
      return answer(
        rpc.wrongExpectedVersion('Delete', name, expectedNumber(expected), outcome.current),
      );
    }
    const position = new TombstoneResp.Position();
    position.setCommitPosition(outcome.position.toString());
    position.setPreparePosition(outcome.position.toString());
    return answer(null, new TombstoneResp().setPosition(position));
  }

  /** The adapter never soft-deletes; the server refuses what this double does not model. */
  private softDelete(
    call: ServerUnaryCall<DeleteReq, DeleteResp>,
    callback: sendUnaryData<DeleteResp>,
  ): void {
    const done = this.track('delete', call);
    done();
    callback(rpc.custom(12, 'Soft delete is not modelled by the wire-level test server'));
  }
}

/** ExpectedVersion's numbers (Any -2, NoStream -1, StreamExists -4) for error metadata. */
function expectedNumber(expected: ExpectedRevision): bigint {
  if (expected === 'any') return -2n;
  if (expected === 'no_stream') return -1n;
  if (expected === 'stream_exists') return -4n;
  return expected;
}

/** EventFilter.EventType / StreamName: a regex or prefixes, on the event type or the stream name. */
function compileFilter(
  filter: ReadReq.Options.FilterOptions | undefined,
): (record: LogRecord) => boolean {
  if (filter === undefined) return () => true;
  const onType = filter.hasEventType();
  const expression = onType ? filter.getEventType() : filter.getStreamIdentifier();
  const regex = expression?.getRegex() ?? '';
  const prefixes = expression?.getPrefixList() ?? [];
  const matches =
    regex !== ''
      ? (value: string) => new RegExp(regex).test(value)
      : (value: string) => prefixes.some((prefix) => value.startsWith(prefix));
  return (record) => matches(onType ? record.type : record.streamId);
}
