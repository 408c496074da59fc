import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  isCommandError,
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
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type ExpectedVersion,
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

/**
 * Worth trying again: the server was unreachable, too slow, not the leader, or the shared gRPC
 * stream broke (the client reports that as cancelled or unknown). Never a refusal by the server.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
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

/** Refusals that no retry changes. */
export function isPermanentRefusal(error: unknown): boolean {
  return (
    error instanceof EsdbWrongExpectedVersionError ||
    error instanceof EsdbStreamDeletedError ||
    error instanceof EsdbStreamNotFoundError ||
    error instanceof AccessDeniedError ||
    error instanceof EventStoreError ||
    (error instanceof Error && isCommandError(error) && !isTransient(error))
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
  if (isTransient(error)) {
    return new StoreUnavailableError(
      `EventStoreDB unavailable during ${context.operation}: ${error.message}`,
      { cause: error },
    );
  }
  if (isCommandError(error)) {
    // Access denied, append size exceeded and the like: the port has no type of its own for them,
    // and the store cannot serve the request as configured.
    return new StoreUnavailableError(
      `EventStoreDB refused ${context.operation} (${error.type}): ${error.message}`,
      {
        cause: error,
      },
    );
  }
  return error;
}
