import {
  BadRequestException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { DomainError, type DomainErrorCategory } from '@app/domain';
import {
  StoreRefusedError,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@app/event-store';
import {
  ForbiddenError,
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  InvalidIfMatchError,
  PreconditionFailedError,
  ReadModelNotCaughtUpError,
  RequestValidationError,
  UnauthorizedError,
} from './application-errors';
import { toProblem } from './to-problem';

class TestDomainError extends DomainError {
  readonly code = 'test-refusal';
  override readonly fields: readonly string[];
  constructor(
    readonly category: DomainErrorCategory,
    fields: readonly string[] = [],
  ) {
    super(`refused as ${category}`);
    this.fields = fields;
  }
}

describe('toProblem', () => {
  it.each<[DomainErrorCategory, number]>([
    ['invalid', 400],
    ['not-found', 404],
    ['gone', 410],
    ['conflict', 409],
    ['precondition', 412],
    ['rule', 422],
  ])('maps a %s domain error to %i with its code', (category, status) => {
    const { problem, unexpected } = toProblem(new TestDomainError(category), '/api/v1/sessions/1');
    expect(problem).toMatchObject({
      type: 'https://errors.sessions.example/test-refusal',
      status,
      code: 'test-refusal',
      detail: `refused as ${category}`,
      instance: '/api/v1/sessions/1',
    });
    expect(unexpected).toBe(false);
  });

  it('names the fields of an invalid domain error', () => {
    const { problem } = toProblem(
      new TestDomainError('invalid', ['note', 'charge.amountMinor']),
      '/x',
    );
    expect(problem.errors).toEqual([
      { field: 'note', message: 'refused as invalid' },
      { field: 'charge.amountMinor', message: 'refused as invalid' },
    ]);
  });

  it.each<[string, Error, number, string, Record<string, string>]>([
    [
      'wrong expected version',
      new WrongExpectedVersionError('session-1', 2, 3),
      409,
      'concurrency-conflict',
      {},
    ],
    ['stream deleted', new StreamDeletedError('session-1'), 410, 'gone', {}],
    ['stream not found', new StreamNotFoundError('session-1'), 404, 'not-found', {}],
    [
      'store unavailable',
      new StoreUnavailableError('connection refused'),
      503,
      'store-unavailable',
      { 'Retry-After': '5' },
    ],
    [
      // A StoreUnavailableError too, but retrying cannot help: no 503, no Retry-After.
      'store refusal',
      new StoreRefusedError('too-large', 'connection refused: session-1 over the size limit'),
      500,
      'store-refused',
      {},
    ],
  ])('maps the event store error %s', (_name, error, status, code, headers) => {
    const answer = toProblem(error, '/x');
    expect(answer.problem).toMatchObject({
      status,
      code,
      type: `https://errors.sessions.example/${code}`,
    });
    expect(answer.headers).toEqual(headers);
    // Store internals (stream names, connection errors) stay out of the answer.
    expect(answer.problem.detail).not.toContain('session-1');
    expect(answer.problem.detail).not.toContain('connection refused');
  });

  it.each<[string, Error, number, string]>([
    [
      'validation',
      new RequestValidationError([{ field: 'reason', message: 'bad' }]),
      400,
      'validation-failed',
    ],
    ['invalid If-Match', new InvalidIfMatchError('W/"x"'), 400, 'invalid-if-match'],
    ['unauthorized', new UnauthorizedError('no token'), 401, 'unauthorized'],
    ['forbidden', new ForbiddenError(), 403, 'forbidden'],
    ['key in flight', new IdempotencyKeyInFlightError(), 409, 'idempotency-key-in-flight'],
    ['precondition', new PreconditionFailedError(2, 3), 412, 'precondition-failed'],
    ['key reused', new IdempotencyKeyReusedError(), 422, 'idempotency-key-reused'],
    ['not caught up', new ReadModelNotCaughtUpError('10', '7'), 503, 'read-model-not-caught-up'],
  ])('maps the application error %s to %i', (_name, error, status, code) => {
    expect(toProblem(error, '/x').problem).toMatchObject({ status, code });
  });

  it('lists the fields of a validation error and of a bad If-Match', () => {
    const fields = [
      { field: 'reason', message: 'reason must be one of ...' },
      { field: 'charge.amountMinor', message: 'amountMinor must be an integer number' },
    ];
    expect(toProblem(new RequestValidationError(fields), '/x').problem.errors).toEqual(fields);
    expect(toProblem(new InvalidIfMatchError('abc'), '/x').problem.errors).toEqual([
      { field: 'If-Match', message: 'If-Match must be a version number, bare or as a quoted ETag' },
    ]);
  });

  it('says which position the read model applied, and which it has not yet', () => {
    expect(toProblem(new ReadModelNotCaughtUpError('10', '7'), '/x').problem.detail).toBe(
      'The read model has applied position 7, not yet 10; retry later',
    );
    expect(toProblem(new ReadModelNotCaughtUpError('10', undefined), '/x').problem.detail).toBe(
      'The read model has applied no position yet, so not 10; retry later',
    );
  });

  it('adds Retry-After and WWW-Authenticate where the error needs them', () => {
    expect(toProblem(new ReadModelNotCaughtUpError('10', '7', 2), '/x').headers).toEqual({
      'Retry-After': '2',
    });
    expect(toProblem(new IdempotencyKeyInFlightError(30), '/x').headers).toEqual({
      'Retry-After': '30',
    });
    expect(toProblem(new UnauthorizedError('no token'), '/x').headers).toEqual({
      'WWW-Authenticate': 'Bearer',
    });
    expect(
      toProblem(new UnauthorizedError('"exp" claim failed', 'invalid_token'), '/x').headers,
    ).toEqual({
      'WWW-Authenticate': 'Bearer error="invalid_token", error_description="exp claim failed"',
    });
  });

  it('keeps the status of Nest HttpExceptions and their client message', () => {
    expect(toProblem(new NotFoundException('Cannot GET /nope'), '/nope').problem).toMatchObject({
      status: 404,
      code: 'not-found',
      title: 'Not found',
      detail: 'Cannot GET /nope',
      type: 'https://errors.sessions.example/not-found',
    });
    const malformed = toProblem(
      new HttpException(
        "Body is not valid JSON but content-type is set to 'application/json'",
        400,
      ),
      '/x',
    );
    expect(malformed.problem).toMatchObject({ status: 400, code: 'bad-request', errors: [] });
    expect(toProblem(new BadRequestException(['a is bad', 'b is bad']), '/x').problem.detail).toBe(
      'a is bad; b is bad',
    );
    expect(toProblem(new HttpException('teapot', 418), '/x').problem.code).toBe('http-418');
  });

  it('hides the message of a 5xx HttpException', () => {
    const { problem, unexpected } = toProblem(new HttpException('db password wrong', 500), '/x');
    expect(problem.detail).toBe('Internal server error');
    expect(unexpected).toBe(true);
    expect(toProblem(new ServiceUnavailableException('down'), '/x').unexpected).toBe(false);
  });

  it.each([new Error('secret internals'), 'a thrown string', undefined])(
    'answers anything else with a generic 500: %p',
    (thrown) => {
      const { problem, headers, unexpected } = toProblem(thrown, '/x');
      expect(problem).toEqual({
        type: 'https://errors.sessions.example/internal-error',
        title: 'Internal server error',
        status: 500,
        detail: 'An unexpected error occurred',
        instance: '/x',
        code: 'internal-error',
      });
      expect(headers).toEqual({});
      expect(unexpected).toBe(true);
    },
  );

  it('answers a body cut short by the client (or a 408) as a 400, not a bug', () => {
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET', statusCode: 400 });
    const { problem, unexpected } = toProblem(aborted, '/x');
    expect(problem).toMatchObject({ status: 400, code: 'request-aborted' });
    expect(unexpected).toBe(false);
  });

  it.each([
    [408, 'request-timeout'],
    [414, 'uri-too-long'],
    [431, 'header-fields-too-large'],
  ])('gives HTTP %i its stable code %s', (status, code) => {
    expect(toProblem(new HttpException('x', status), '/x').problem.code).toBe(code);
  });
});
