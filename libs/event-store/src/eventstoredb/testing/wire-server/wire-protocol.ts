import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { BinaryWriter } from 'google-protobuf';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import {
  AccessDenied,
  AllStreamPosition,
  Empty,
  MaximumAppendSizeExceeded,
  StreamDeleted,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { ExpectedRevision, LogRecord, ProposedEvent } from './wire-log';

/**
 * Test support: the wire formats of the wire-level test server, as the real server writes them
 * (sources in the adapter's README). Strings for 64-bit numbers, as the generated code keeps them.
 */

const U64_MAX = (1n << 64n) - 1n;
const TYPE_URL_PREFIX = 'type.googleapis.com/';

export const streamName = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

export function streamIdentifier(name: string): StreamIdentifier {
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(name, 'utf8'));
  return identifier;
}

/** Event.cs parses the id into a Guid; a Guid's ToString() is lowercase. */
export function parseUuid(uuid: UUID | undefined): string {
  if (uuid === undefined) throw new RangeError('event without an id');
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured();
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured?.getMostSignificantBits() ?? '0'), 0);
  bytes.writeBigInt64BE(BigInt(structured?.getLeastSignificantBits() ?? '0'), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function uuidMessage(id: string, structured: boolean): UUID {
  const uuid = new UUID();
  if (!structured) return uuid.setString(id);
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  const parts = new UUID.Structured();
  parts.setMostSignificantBits(bytes.readBigInt64BE(0).toString());
  parts.setLeastSignificantBits(bytes.readBigInt64BE(8).toString());
  return uuid.setStructured(parts);
}

interface ProposedMessageLike {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** MetadataHelpers.ParseGrpcMetadata: `type` and `content-type` are required. */
export function toProposedEvent(message: ProposedMessageLike): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (type === undefined || contentType === undefined) {
    throw new RangeError("Required Metadata Property 'type' or 'content-type' is missing");
  }
  return {
    id: parseUuid(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

/** Event.SizeOnDisk: what MaxAppendSize and MaxAppendEventSize count. */
export const sizeOnDisk = (event: ProposedEvent): number =>
  Buffer.byteLength(event.type) + event.data.length + event.metadata.length;

export interface ExpectedCases {
  hasAny(): boolean;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
}

export function expectedRevision(
  options: ExpectedCases,
  revision: string | undefined,
): ExpectedRevision {
  if (options.hasAny()) return 'any';
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  if (revision === undefined) throw new RangeError('no expected revision');
  return BigInt(revision);
}

export interface ReadOptions {
  /** Pre-22.6 servers (and legacy TCP transactions) carry no position: -1, sent as 2^64-1. */
  readonly hidePosition: boolean;
  readonly structuredIds: boolean;
}

/** ResponseConverter.ConvertToReadEvent. */
export function readEvent(record: LogRecord, options: ReadOptions): ReadResp {
  const position = options.hidePosition ? U64_MAX : record.position;
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(uuidMessage(record.id, options.structuredIds));
  recorded.setStreamIdentifier(streamIdentifier(record.streamId));
  recorded.setStreamRevision(record.revision.toString());
  recorded.setCommitPosition(position.toString());
  recorded.setPreparePosition(position.toString());
  recorded.setData(record.data);
  recorded.setCustomMetadata(record.metadata);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('created', record.created.toString());
  metadata.set('content-type', record.contentType);
  const event = new ReadResp.ReadEvent();
  event.setEvent(recorded);
  if (options.hidePosition) event.setNoPosition(new Empty());
  else event.setCommitPosition(record.position.toString());
  return new ReadResp().setEvent(event);
}

export function streamNotFound(name: string): ReadResp {
  const notFound = new ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(streamIdentifier(name));
  return new ReadResp().setStreamNotFound(notFound);
}

export function confirmation(subscriptionId: string): ReadResp {
  const confirmed = new ReadResp.SubscriptionConfirmation();
  confirmed.setSubscriptionId(subscriptionId);
  return new ReadResp().setConfirmation(confirmed);
}

export function checkpoint(position: bigint): ReadResp {
  const message = new ReadResp.Checkpoint();
  message.setCommitPosition(position.toString());
  message.setPreparePosition(position.toString());
  return new ReadResp().setCheckpoint(message);
}

export const caughtUp = (): ReadResp => new ReadResp().setCaughtUp(new ReadResp.CaughtUp());

export function allStreamPosition(position: bigint): AllStreamPosition {
  const message = new AllStreamPosition();
  message.setCommitPosition(position.toString());
  message.setPreparePosition(position.toString());
  return message;
}

export const protobufEmpty = (): ProtobufEmpty => new ProtobufEmpty();

// RpcExceptions.cs: failures of a whole call, as gRPC statuses with the `exception` metadata key
// the client maps to its error classes.

function rpcError(
  code: GrpcStatus,
  details: string,
  entries: Record<string, string> = {},
): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata });
}

export const rpc = {
  streamDeleted: (name: string) =>
    rpcError(GrpcStatus.FAILED_PRECONDITION, `Event stream '${name}' is deleted.`, {
      exception: 'stream-deleted',
      'stream-name': name,
    }),
  wrongExpectedVersion: (operation: string, name: string, expected: bigint, actual: bigint) =>
    rpcError(
      GrpcStatus.FAILED_PRECONDITION,
      `${operation} failed due to WrongExpectedVersion. Stream: ${name}, Expected version: ${expected}, Actual version: ${actual}`,
      {
        exception: 'wrong-expected-version',
        'stream-name': name,
        'expected-version': expected.toString(),
        'actual-version': actual.toString(),
      },
    ),
  accessDenied: () =>
    rpcError(GrpcStatus.PERMISSION_DENIED, 'Access Denied', { exception: 'access-denied' }),
  maxAppendSizeExceeded: (max: number) =>
    rpcError(GrpcStatus.INVALID_ARGUMENT, `Maximum Append Size of ${max} Exceeded.`, {
      exception: 'maximum-append-size-exceeded',
      'maximum-append-size': String(max),
    }),
  maxAppendEventSizeExceeded: (eventId: string, size: number, max: number) =>
    rpcError(
      GrpcStatus.INVALID_ARGUMENT,
      `Event with Id: ${eventId}, Size: ${size}, exceeds Maximum Append Event Size of ${max}.`,
      {
        exception: 'maximum-append-event-size-exceeded',
        'maximum-append-event-size': String(max),
        'event-id': eventId,
        'proposed-append-event-size': String(size),
      },
    ),
  invalidPosition: () =>
    rpcError(GrpcStatus.INVALID_ARGUMENT, 'Trying to read from an invalid position.'),
  /** ASP.NET Core's answer when a handler throws (e.g. a position with commit < prepare). */
  handlerThrew: () => rpcError(GrpcStatus.UNKNOWN, 'Exception was thrown by handler.'),
  serverNotReady: () => rpcError(GrpcStatus.UNAVAILABLE, 'Server Is Not Ready'),
  custom: rpcError,
};

// Status.cs: per-request failures inside BatchAppend, as google.rpc.Status with one packed detail.

function packed(code: Code, message: string, typeName: string, bytes: Uint8Array): Status {
  const details = new Any();
  details.pack(bytes, typeName, TYPE_URL_PREFIX);
  return new Status().setCode(code).setMessage(message).setDetails(details);
}

export const batchStatus = {
  wrongExpectedVersion(current: bigint, expected: ExpectedRevision): Status {
    const details = new WrongExpectedVersion();
    if (current < 0n) details.setCurrentNoStream(protobufEmpty());
    else details.setCurrentStreamRevision(current.toString());
    if (expected === 'any') details.setExpectedAny(protobufEmpty());
    else if (expected === 'no_stream') details.setExpectedNoStream(protobufEmpty());
    else if (expected === 'stream_exists') details.setExpectedStreamExists(protobufEmpty());
    else details.setExpectedStreamPosition(expected.toString());
    return packed(
      Code.ALREADY_EXISTS,
      'WrongExpectedVersion',
      'event_store.client.WrongExpectedVersion',
      details.serializeBinary(),
    );
  },
  streamDeleted(name: string): Status {
    const details = new StreamDeleted();
    details.setStreamIdentifier(streamIdentifier(name));
    return packed(
      Code.NOT_FOUND,
      'StreamDeleted',
      'event_store.client.StreamDeleted',
      details.serializeBinary(),
    );
  },
  accessDenied: (): Status =>
    packed(
      Code.PERMISSION_DENIED,
      'AccessDenied',
      'event_store.client.AccessDenied',
      new AccessDenied().serializeBinary(),
    ),
  maximumAppendSizeExceeded(max: number): Status {
    const details = new MaximumAppendSizeExceeded();
    details.setMaxappendsize(max);
    return packed(
      Code.INVALID_ARGUMENT,
      'MaximumAppendSizeExceeded',
      'event_store.client.MaximumAppendSizeExceeded',
      details.serializeBinary(),
    );
  },
  /** 24.10 and later; client 6.2.1 has no class for it. */
  maximumAppendEventSizeExceeded(eventId: string, size: number, max: number): Status {
    const writer = new BinaryWriter();
    writer.writeString(1, eventId);
    writer.writeUint32(2, size);
    writer.writeUint32(3, max);
    return packed(
      Code.INVALID_ARGUMENT,
      'MaximumAppendEventSizeExceeded',
      'event_store.client.MaximumAppendEventSizeExceeded',
      writer.getResultBuffer(),
    );
  },
  badRequest(message: string): Status {
    const writer = new BinaryWriter();
    writer.writeString(1, message);
    return packed(
      Code.INVALID_ARGUMENT,
      'BadRequest',
      'event_store.client.BadRequest',
      writer.getResultBuffer(),
    );
  },
};
