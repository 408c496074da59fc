import { status } from '@grpc/grpc-js';
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  InvalidArgumentError,
  isCommandError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError as EsdbStreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type AppendExpectedRevision,
  type CurrentRevision,
} from '@eventstore/db-client';
import {
  EventStoreError,
  StoreRefusedError,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type ExpectedVersion,
  type StoreRefusal,
} from '../port';

/** What the adapter was doing, for errors that do not say it themselves. */
export interface ErrorContext {
  readonly operation: string;
  readonly streamId?: string;
  readonly expected?: ExpectedVersion;
}

/** Node's socket errors, in case one escapes the client before gRPC wraps it. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

const hasConnectionCode = (error: Error): boolean =>
  'code' in error && typeof error.code === 'string' && CONNECTION_CODES.has(error.code);

/** The client's cluster discovery throws a plain Error with only this message to go by. */
const isDiscoveryFailure = (error: Error): boolean =>
  /^Failed to discover after \d+ attempts/.test(error.message);

/** The gRPC status under a client error: the client keeps the server's code on the error. */
const grpcCode = (error: Error): number | undefined =>
  'code' in error && typeof error.code === 'number' ? error.code : undefined;

/**
 * Statuses that say "this request will never succeed". Client 6.2.1 has no class for most of
 * them and reports each as UnknownError, like a broken stream, so the code and the message
 * decide: the server's invalid-position answer and its size limits are INVALID_ARGUMENT (the
 * per-event limit of 24.10+ servers arrives inside the batch stream as a detail the client
 * cannot name: "Could not recognize MaximumAppendEventSizeExceeded").
 */
function refusalOfStatus(error: Error): StoreRefusal | undefined {
  const message = error.message;
  if (/Could not recognize MaximumAppend(Event)?SizeExceeded/.test(message)) return 'too-large';
  if (/Could not recognize BadRequest/.test(message)) return 'bad-request';
  switch (grpcCode(error)) {
    case status.INVALID_ARGUMENT:
      if (/invalid position/i.test(message)) return 'invalid-position';
      if (/Maximum Append|exceeds? Max/i.test(message)) return 'too-large';
      return 'bad-request';
    case status.RESOURCE_EXHAUSTED:
      return /larger than max/i.test(message) ? 'too-large' : undefined;
    case status.PERMISSION_DENIED:
    case status.UNAUTHENTICATED:
      return 'access-denied';
    case status.UNIMPLEMENTED:
      return 'unsupported-server';
    case status.FAILED_PRECONDITION:
    case status.OUT_OF_RANGE:
    case status.ALREADY_EXISTS:
      return 'bad-request';
    default:
      return undefined;
  }
}

/**
 * Why the server refused for good, or undefined for anything else (a failure worth retrying, a
 * conflict, a missing or deleted stream, a bug). Retrying a refusal only repeats it.
 */
export function refusalOf(error: unknown): StoreRefusal | undefined {
  if (error instanceof StoreRefusedError) return error.reason;
  if (!(error instanceof Error)) return undefined;
  if (error instanceof AccessDeniedError) return 'access-denied';
  if (error instanceof MaxAppendSizeExceededError) return 'too-large';
  if (error instanceof InvalidArgumentError) return 'bad-request';
  if (!isCommandError(error) && grpcCode(error) === undefined) return undefined;
  return refusalOfStatus(error);
}

/**
 * Worth trying again (a bounded number of times): the server was unreachable, too slow, not the
 * leader, or the shared gRPC stream broke (the client reports that as cancelled or unknown).
 * Never a refusal by the server.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof StoreUnavailableError) return !(error instanceof StoreRefusedError);
  if (refusalOf(error) !== undefined) return false;
  return (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    error instanceof TimeoutError ||
    error instanceof UnknownError ||
    hasConnectionCode(error) ||
    isDiscoveryFailure(error)
  );
}

/** What the caller sent is exact; the client's decoding of the server's answer is the fallback. */
function toExpected(
  expected: AppendExpectedRevision,
  sent: ExpectedVersion | undefined,
): ExpectedVersion {
  if (sent !== undefined) return sent;
  if (typeof expected === 'bigint') return Number(expected);
  if (expected === 'no_stream') return 'no-stream';
  if (expected === 'any') return 'any';
  // 'stream_exists' is never sent by this adapter.
  return 'any';
}

function toActual(current: CurrentRevision): number | 'no-stream' {
  // Some servers report a missing stream as revision -1 rather than no_stream.
  if (typeof current === 'bigint' && current >= 0n) return Number(current);
  return 'no-stream';
}

/**
 * The one place the client's errors become the port's: callers of the port never see a client
 * class or a bigint. Errors that are not the client's (bugs such as a TypeError) pass unchanged.
 */
export function translateError(error: unknown, context: ErrorContext): unknown {
  if (error instanceof EventStoreError) return error;
  if (error instanceof EsdbWrongExpectedVersionError) {
    return new WrongExpectedVersionError(
      context.streamId ?? error.streamName,
      toExpected(error.expectedVersion, context.expected),
      toActual(error.actualVersion),
    );
  }
  if (error instanceof EsdbStreamDeletedError) {
    return new StreamDeletedError(context.streamId ?? error.streamName);
  }
  if (error instanceof EsdbStreamNotFoundError) {
    return new StreamNotFoundError(context.streamId ?? error.streamName);
  }
  if (!(error instanceof Error)) return error;
  const refusal = refusalOf(error);
  if (refusal !== undefined) {
    return new StoreRefusedError(
      refusal,
      `EventStoreDB refused ${context.operation} (${refusal}): ${error.message}`,
      { cause: error },
    );
  }
  if (isTransient(error) || isCommandError(error)) {
    return new StoreUnavailableError(
      `EventStoreDB unavailable during ${context.operation}: ${error.message}`,
      { cause: error },
    );
  }
  return error;
}
