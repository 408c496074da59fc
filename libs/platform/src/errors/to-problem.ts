import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, type DomainErrorCategory } from '@app/domain';
import {
  StoreRefusedError,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@app/event-store';
import { ApplicationError } from './application-error';
import { type FieldError, type ProblemDetails, problemType } from './problem-details';

/** What an error answers: the body, extra headers, and whether it was a bug (log its stack). */
export interface ProblemAnswer {
  problem: ProblemDetails;
  headers: Record<string, string>;
  unexpected: boolean;
}

/** Seconds a client should wait before retrying when the event store is unreachable. */
export const STORE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const CATEGORY: Record<DomainErrorCategory, { status: number; title: string }> = {
  invalid: { status: 400, title: 'The request is not valid' },
  'not-found': { status: 404, title: 'Not found' },
  gone: { status: 410, title: 'Gone' },
  conflict: { status: 409, title: 'Conflict' },
  precondition: { status: 412, title: 'The resource has changed' },
  rule: { status: 422, title: 'Refused by a business rule' },
};

/** Codes for Nest's HttpExceptions (thrown by Nest, Fastify, or us) by status. */
const HTTP_CODE: Partial<Record<number, string>> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'request-timeout',
  409: 'conflict',
  410: 'gone',
  412: 'precondition-failed',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  422: 'unprocessable-content',
  429: 'too-many-requests',
  431: 'header-fields-too-large',
  503: 'service-unavailable',
};

/**
 * The one mapping from anything thrown to an RFC 9457 answer. Order matters only in that
 * specific kinds are recognised before the catch-all 500.
 */
export function toProblem(exception: unknown, instance: string): ProblemAnswer {
  if (exception instanceof ApplicationError) {
    return answer(exception.status, exception.code, exception.title, exception.message, instance, {
      errors: exception.fieldErrors,
      headers: exception.headers(),
    });
  }
  if (exception instanceof DomainError) {
    const { status, title } = CATEGORY[exception.category];
    return answer(status, exception.code, title, exception.message, instance, {
      errors: exception.fields.map((field) => ({ field, message: exception.message })),
    });
  }
  if (exception instanceof WrongExpectedVersionError) {
    return answer(
      409,
      'concurrency-conflict',
      'Conflict',
      'The resource was changed by a concurrent request; retry',
      instance,
    );
  }
  if (exception instanceof StreamDeletedError) {
    return answer(410, 'gone', 'Gone', 'The resource has been deleted', instance);
  }
  if (exception instanceof StreamNotFoundError) {
    return answer(404, 'not-found', 'Not found', 'The resource does not exist', instance);
  }
  if (exception instanceof StoreRefusedError) {
    // The same request would be refused again: no Retry-After, and a fault for operators to fix.
    return answer(
      500,
      'store-refused',
      'Internal server error',
      'The event store refused the request; retrying will not help',
      instance,
      { unexpected: true },
    );
  }
  if (exception instanceof StoreUnavailableError) {
    return answer(
      503,
      'store-unavailable',
      'Service unavailable',
      'The event store is unavailable; retry later',
      instance,
      {
        headers: { 'Retry-After': String(STORE_UNAVAILABLE_RETRY_AFTER_SECONDS) },
      },
    );
  }
  if (exception instanceof HttpException) return fromHttpException(exception, instance);
  if (isClientAbort(exception)) {
    // Nobody reads this answer (the connection is gone, often after a 408): not a bug to log.
    return answer(
      400,
      'request-aborted',
      'Bad Request',
      'The client closed the connection before the request was complete',
      instance,
    );
  }
  return answer(
    500,
    'internal-error',
    'Internal server error',
    'An unexpected error occurred',
    instance,
    {
      unexpected: true,
    },
  );
}

/** Node's error for a request body cut short: the client went away, or a timeout cut it. */
function isClientAbort(exception: unknown): boolean {
  return (
    exception instanceof Error &&
    (exception as { code?: unknown }).code === 'ECONNRESET' &&
    exception.message === 'aborted'
  );
}

function fromHttpException(exception: HttpException, instance: string): ProblemAnswer {
  const status = exception.getStatus();
  const title = reasonPhrase(status);
  // A 5xx message may carry internals; a 4xx message is written for the client (by Nest,
  // Fastify's body parser, or our code).
  const detail = status >= 500 ? title : (clientMessage(exception) ?? title);
  return answer(status, HTTP_CODE[status] ?? `http-${status}`, title, detail, instance, {
    // A 503 is a deliberate answer (a failed readiness check), not a bug to log with its stack.
    unexpected: status >= 500 && status !== 503,
  });
}

function clientMessage(exception: HttpException): string | undefined {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.filter((m) => typeof m === 'string').join('; ');
  return undefined;
}

function reasonPhrase(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (name === undefined) return `HTTP ${status}`;
  const words = name.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function answer(
  status: number,
  code: string,
  title: string,
  detail: string,
  instance: string,
  extra: {
    errors?: readonly FieldError[];
    headers?: Record<string, string>;
    unexpected?: boolean;
  } = {},
): ProblemAnswer {
  const problem: ProblemDetails = {
    type: problemType(code),
    title,
    status,
    detail,
    instance,
    code,
  };
  // Every 400 lists its fields, even when none is known (a malformed body), so clients can rely
  // on the member being there.
  if (status === 400 || (extra.errors !== undefined && extra.errors.length > 0)) {
    problem.errors = [...(extra.errors ?? [])];
  }
  return { problem, headers: extra.headers ?? {}, unexpected: extra.unexpected ?? false };
}
