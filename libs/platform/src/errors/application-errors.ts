import { ApplicationError } from './application-error';
import type { FieldError } from './problem-details';

/**
 * The catalogue of application-level refusals (docs/product.md, "HTTP API"): one class per code.
 */

/** 400: the body or query failed validation; lists every bad field. */
export class RequestValidationError extends ApplicationError {
  readonly code = 'validation-failed';
  readonly status = 400;
  readonly title = 'The request is not valid';
  override readonly fieldErrors: readonly FieldError[];

  constructor(fieldErrors: readonly FieldError[]) {
    super(`${fieldErrors.length} invalid field(s): ${fieldErrors.map((e) => e.field).join(', ')}`);
    this.name = 'RequestValidationError';
    this.fieldErrors = fieldErrors;
  }
}

/** 400: If-Match is neither a quoted ETag nor a bare version number. */
export class InvalidIfMatchError extends ApplicationError {
  readonly code = 'invalid-if-match';
  readonly status = 400;
  readonly title = 'If-Match is not a version';
  override readonly fieldErrors: readonly FieldError[];

  constructor(readonly value: string) {
    super('If-Match must be a version number, bare or as a quoted ETag');
    this.name = 'InvalidIfMatchError';
    this.fieldErrors = [{ field: 'If-Match', message: this.message }];
  }
}

/** 401: no bearer token, or one that fails verification. */
export class UnauthorizedError extends ApplicationError {
  readonly code = 'unauthorized';
  readonly status = 401;
  readonly title = 'Authentication required';

  constructor(
    detail: string,
    /** RFC 6750 error code for WWW-Authenticate; absent when no token was sent at all. */
    private readonly bearerError?: 'invalid_token' | 'invalid_request',
  ) {
    super(detail);
    this.name = 'UnauthorizedError';
  }

  override headers(): Record<string, string> {
    if (this.bearerError === undefined) return { 'WWW-Authenticate': 'Bearer' };
    const description = this.message.replace(/["\\]/g, '');
    return {
      'WWW-Authenticate': `Bearer error="${this.bearerError}", error_description="${description}"`,
    };
  }
}

/** 403: the caller's role (or identity) may not do this. */
export class ForbiddenError extends ApplicationError {
  readonly code = 'forbidden';
  readonly status = 403;
  readonly title = 'Not allowed';

  constructor(detail = 'Your role does not allow this request') {
    super(detail);
    this.name = 'ForbiddenError';
  }
}

/** 409: a request with the same Idempotency-Key is still being processed. */
export class IdempotencyKeyInFlightError extends ApplicationError {
  readonly code = 'idempotency-key-in-flight';
  readonly status = 409;
  readonly title = 'A request with this Idempotency-Key is in progress';

  constructor(readonly retryAfterSeconds?: number) {
    super('A request with this Idempotency-Key is still being processed; retry later');
    this.name = 'IdempotencyKeyInFlightError';
  }

  override headers(): Record<string, string> {
    return this.retryAfterSeconds === undefined
      ? {}
      : { 'Retry-After': String(this.retryAfterSeconds) };
  }
}

/** 412: If-Match names a version other than the current one. */
export class PreconditionFailedError extends ApplicationError {
  readonly code = 'precondition-failed';
  readonly status = 412;
  readonly title = 'The resource has changed';

  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`If-Match expects version ${expected}, the current version is ${actual}`);
    this.name = 'PreconditionFailedError';
  }
}

/** 422: an Idempotency-Key reused with a different body. */
export class IdempotencyKeyReusedError extends ApplicationError {
  readonly code = 'idempotency-key-reused';
  readonly status = 422;
  readonly title = 'Idempotency-Key reused with another request';

  constructor() {
    super('This Idempotency-Key was used with a different request body');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/**
 * 409: the stream kept changing under us. Each attempt re-read and re-decided; after the bound the
 * client is told to retry rather than the server spinning on a hot stream.
 */
export class ConcurrencyRetriesExhaustedError extends ApplicationError {
  readonly code = 'concurrency-retries-exhausted';
  readonly status = 409;
  readonly title = 'Too many concurrent changes';

  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`Stream ${streamId} changed during each of ${attempts} attempts; retry`);
    this.name = 'ConcurrencyRetriesExhaustedError';
  }

  override headers(): Record<string, string> {
    return { 'Retry-After': '1' };
  }
}

/** 503: the read model has not applied `minPosition` within the wait. */
export class ReadModelNotCaughtUpError extends ApplicationError {
  readonly code = 'read-model-not-caught-up';
  readonly status = 503;
  readonly title = 'The read model is behind';

  constructor(
    readonly minPosition: string,
    /** Undefined when the read model has applied nothing yet. */
    readonly appliedPosition: string | undefined,
    readonly retryAfterSeconds = 1,
  ) {
    super(
      appliedPosition === undefined
        ? `The read model has applied no position yet, so not ${minPosition}; retry later`
        : `The read model has applied position ${appliedPosition}, not yet ${minPosition}; retry later`,
    );
    this.name = 'ReadModelNotCaughtUpError';
  }

  override headers(): Record<string, string> {
    return { 'Retry-After': String(this.retryAfterSeconds) };
  }
}
