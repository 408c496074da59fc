import type { ExpectedVersion } from './types';

export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'wrong-expected-version';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** Current version, or 'no-stream' when the stream does not exist. */
    readonly actual: number | 'no-stream',
  ) {
    super(`Stream ${streamId}: expected version ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class StreamNotFoundError extends EventStoreError {
  readonly code = 'stream-not-found';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} not found`);
    this.name = 'StreamNotFoundError';
  }
}

export class StreamDeletedError extends EventStoreError {
  readonly code = 'stream-deleted';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} is deleted`);
    this.name = 'StreamDeletedError';
  }
}

export class StoreUnavailableError extends EventStoreError {
  readonly code = 'store-unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** Why the store refused a request for good. */
export type StoreRefusal =
  'access-denied' | 'too-large' | 'invalid-position' | 'bad-request' | 'unsupported-server';

/**
 * The store refused the request, and the same request will be refused again: retrying cannot
 * help (an event over the size limit, a checkpoint that is not a position of this store, missing
 * rights, a server too old for the adapter). A StoreUnavailableError too, so callers that only
 * know "the store cannot serve this now" still handle it; `reason` says what to fix.
 */
export class StoreRefusedError extends StoreUnavailableError {
  constructor(
    readonly reason: StoreRefusal,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreRefusedError';
  }
}
