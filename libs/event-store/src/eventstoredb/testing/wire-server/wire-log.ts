import { randomUUID } from 'node:crypto';

/**
 * Test support: the transaction log of the wire-level test server, with EventStoreDB's rules for
 * appends, idempotence, tombstones and scavenges (each rule names the server source it follows
 * in the adapter's README). It knows nothing of gRPC; wire-level-server.ts serves it.
 */

/** A revision or version as the server's index writer sees it: -1 is "no stream". */
export type ExpectedRevision = bigint | 'any' | 'no_stream' | 'stream_exists';

export interface ProposedEvent {
  /** As the client sent it; the server parses it into a .NET Guid and writes it lowercase. */
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

export interface LogRecord {
  /** Log position of the record: for an implicitly committed event, commit = prepare = this. */
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server's `created` metadata carries them. */
  readonly created: bigint;
}

export type AppendOutcome =
  | { readonly kind: 'written'; readonly revision: bigint; readonly position: bigint }
  | { readonly kind: 'idempotent'; readonly revision: bigint; readonly position: bigint }
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint }
  | { readonly kind: 'stream-deleted' };

export type TombstoneOutcome =
  | { readonly kind: 'tombstoned'; readonly position: bigint }
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint }
  | { readonly kind: 'stream-deleted' };

/** EventNumber.DeletedStream: the tombstone's revision, long.MaxValue. */
export const TOMBSTONE_REVISION = (1n << 63n) - 1n;
/** Where a fresh database's first record starts (after the chunk header). */
const FIRST_POSITION = 128n;
/** Bytes a record takes beyond its data, metadata and type (prepare header and framing). */
const RECORD_OVERHEAD = 120n;
const TICKS_PER_MS = 10_000n;

interface StreamState {
  readonly records: LogRecord[];
  tombstoned: boolean;
}

export interface WireLogOptions {
  /** How many recent event ids the server remembers for 'any' idempotence (its committed-events cache). */
  readonly recentIdsCapacity?: number;
  /** The clock the server stamps `created` with. */
  readonly now?: () => Date;
}

export class WireLog {
  private readonly all: LogRecord[] = [];
  private readonly streams = new Map<string, StreamState>();
  /** Every record start ever written: a read from anywhere else is an invalid position. */
  private readonly boundaries = new Set<bigint>([0n]);
  private readonly recentIds = new Map<string, { streamId: string; revision: bigint }>();
  private readonly listeners = new Set<() => void>();
  private readonly recentIdsCapacity: number;
  private readonly now: () => Date;
  private end = FIRST_POSITION;

  constructor(options: WireLogOptions = {}) {
    this.recentIdsCapacity = options.recentIdsCapacity ?? 100_000;
    this.now = options.now ?? (() => new Date());
    // What a fresh node writes for itself before any client: system streams in $all.
    this.writeSystemEvent('$settings', '$settings', { $userStreamAcl: {}, $systemStreamAcl: {} });
    this.writeSystemEvent('$users', '$User', { loginName: 'admin' });
  }

  /** The position just after the last record (the writer checkpoint). */
  get endPosition(): bigint {
    return this.end;
  }

  records(): readonly LogRecord[] {
    return this.all;
  }

  /** Calls `listener` after every write until the returned function is called. */
  onWrite(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A record start (or 0, or the end): anything else is the middle of a record. */
  isBoundary(position: bigint): boolean {
    return position >= this.end || this.boundaries.has(position);
  }

  /** The stream's records in revision order, or undefined when it never existed. */
  stream(streamId: string): { records: readonly LogRecord[]; tombstoned: boolean } | undefined {
    return this.streams.get(streamId);
  }

  writeSystemEvent(streamId: string, type: string, data: Record<string, unknown>): LogRecord {
    const stream = this.state(streamId);
    const event: ProposedEvent = {
      id: randomUUID(),
      type,
      contentType: 'application/json',
      data: Buffer.from(JSON.stringify(data)),
      metadata: new Uint8Array(),
    };
    const [record] = this.write(stream, streamId, [event], BigInt(stream.records.length));
    this.notify();
    return record;
  }

  /** IndexWriter.CheckCommit, then the write: one append request, all its events or none. */
  append(
    streamId: string,
    expected: ExpectedRevision,
    proposed: readonly ProposedEvent[],
  ): AppendOutcome {
    const events = proposed.map((event) => ({ ...event, id: event.id.toLowerCase() }));
    const stream = this.streams.get(streamId);
    if (stream?.tombstoned) return { kind: 'stream-deleted' };
    const current = stream === undefined ? -1n : BigInt(stream.records.length) - 1n;
    const decision = this.checkCommit(streamId, stream, current, expected, events);
    if (decision.kind !== 'ok') return decision;
    const state = stream ?? this.state(streamId);
    const written = this.write(state, streamId, events, current + 1n);
    this.notify();
    const last = written[written.length - 1];
    return { kind: 'written', revision: last.revision, position: last.position };
  }

  /** A hard delete: a `$streamDeleted` record at revision long.MaxValue in the stream itself. */
  tombstone(streamId: string, expected: ExpectedRevision): TombstoneOutcome {
    const stream = this.streams.get(streamId);
    if (stream?.tombstoned) return { kind: 'stream-deleted' };
    const current = stream === undefined ? -1n : BigInt(stream.records.length) - 1n;
    const matches =
      expected === 'any' ||
      (expected === 'no_stream' && current === -1n) ||
      (expected === 'stream_exists' && current >= 0n) ||
      expected === current;
    if (!matches) return { kind: 'wrong-expected-version', current };
    const state = stream ?? this.state(streamId);
    const marker: ProposedEvent = {
      id: randomUUID(),
      type: '$streamDeleted',
      contentType: 'application/octet-stream',
      data: new Uint8Array(),
      metadata: new Uint8Array(),
    };
    const [record] = this.write(state, streamId, [marker], TOMBSTONE_REVISION, false);
    state.tombstoned = true;
    this.notify();
    return { kind: 'tombstoned', position: record.position };
  }

  /**
   * What a scavenge does to a tombstoned stream: its events leave the log and `$all` for good; the
   * tombstone record stays, so the name stays deleted. Returns how many records went.
   */
  scavenge(): number {
    const doomed = new Set(
      [...this.streams].filter(([, state]) => state.tombstoned).map(([streamId]) => streamId),
    );
    const before = this.all.length;
    const kept = this.all.filter(
      (record) => !doomed.has(record.streamId) || record.revision === TOMBSTONE_REVISION,
    );
    this.all.splice(0, this.all.length, ...kept);
    for (const streamId of doomed) this.state(streamId).records.length = 0;
    return before - kept.length;
  }

  /** The committed-events cache forgets everything, as after a restart or under memory pressure. */
  forgetRecentIds(): void {
    this.recentIds.clear();
  }

  private checkCommit(
    streamId: string,
    stream: StreamState | undefined,
    current: bigint,
    expected: ExpectedRevision,
    events: readonly ProposedEvent[],
  ): AppendOutcome | { kind: 'ok' } {
    const refuse: AppendOutcome = { kind: 'wrong-expected-version', current };
    if (expected === 'stream_exists' && current < 0n) return refuse;
    if (expected === 'any' || expected === 'stream_exists') {
      // Weak idempotence: no revision says where to look, so only recently written ids count.
      let last: { revision: bigint } | undefined;
      for (const [index, event] of events.entries()) {
        const known = this.recentIds.get(event.id);
        if (known !== undefined && known.streamId === streamId) {
          last = known;
          continue;
        }
        // CorruptedIdempotency: part of the request is written, part is not.
        if (index > 0) return refuse;
        return { kind: 'ok' };
      }
      return last === undefined ? { kind: 'ok' } : this.idempotent(streamId, last.revision);
    }
    const from = expected === 'no_stream' ? -1n : expected;
    if (from < current) {
      // Strong idempotence: the ids must be the very events right after the expected revision.
      for (const [index, event] of events.entries()) {
        const revision = from + 1n + BigInt(index);
        const stored = stream?.records[Number(revision)];
        if (stored?.id === event.id) continue;
        return refuse;
      }
      return this.idempotent(streamId, from + BigInt(events.length));
    }
    if (from > current) return refuse;
    return { kind: 'ok' };
  }

  /** StorageMessage.AlreadyCommitted: the last event's revision and its log position. */
  private idempotent(streamId: string, revision: bigint): AppendOutcome {
    const record = this.streams.get(streamId)?.records[Number(revision)];
    if (record === undefined) return { kind: 'idempotent', revision, position: -1n };
    return { kind: 'idempotent', revision, position: record.position };
  }

  private state(streamId: string): StreamState {
    let state = this.streams.get(streamId);
    if (state === undefined) {
      state = { records: [], tombstoned: false };
      this.streams.set(streamId, state);
    }
    return state;
  }

  private write(
    stream: StreamState,
    streamId: string,
    events: readonly ProposedEvent[],
    firstRevision: bigint,
    indexed = true,
  ): LogRecord[] {
    const created = BigInt(this.now().getTime()) * TICKS_PER_MS;
    return events.map((event, index) => {
      const record: LogRecord = {
        ...event,
        position: this.end,
        streamId,
        revision: firstRevision + BigInt(index),
        created,
      };
      this.end +=
        RECORD_OVERHEAD + BigInt(event.type.length + event.data.length + event.metadata.length);
      this.boundaries.add(record.position);
      this.all.push(record);
      if (indexed) {
        stream.records.push(record);
        this.remember(record);
      }
      return record;
    });
  }

  private remember(record: LogRecord): void {
    this.recentIds.set(record.id, { streamId: record.streamId, revision: record.revision });
    while (this.recentIds.size > this.recentIdsCapacity) {
      const oldest = this.recentIds.keys().next().value;
      if (oldest === undefined) break;
      this.recentIds.delete(oldest);
    }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
