import { ApplicationError } from '../errors/application-error';
import type { FieldError } from '../errors/problem-details';
import { BODY_FIELD } from '../errors/flatten-validation-errors';

/**
 * Refusals of the HTTP layer itself: the request is not one the API can read at all. They answer
 * before any guard runs (so before 401), each with a stable problem `type`.
 */
abstract class HttpLayerError extends ApplicationError {}

/** 400s about the body name it as `(body)`, as every 400 names its fields. */
abstract class MalformedBodyError extends HttpLayerError {
  readonly status = 400;
  override readonly fieldErrors: readonly FieldError[];

  constructor(detail: string) {
    super(detail);
    this.fieldErrors = [{ field: BODY_FIELD, message: detail }];
  }
}

/** 415: only `application/json` in UTF-8 is read; nothing else is parsed, nothing is written. */
export class UnsupportedMediaTypeError extends HttpLayerError {
  readonly code = 'unsupported-media-type';
  readonly status = 415;
  readonly title = 'Unsupported media type';

  constructor() {
    super('The body must be application/json, in UTF-8 (charset=utf-8 or no charset)');
    this.name = 'UnsupportedMediaTypeError';
  }
}

export class InvalidJsonError extends MalformedBodyError {
  readonly code = 'invalid-json';
  readonly title = 'The body is not JSON';

  constructor(detail = 'The body is not a valid JSON document') {
    super(detail);
    this.name = 'InvalidJsonError';
  }
}

export class InvalidUtf8Error extends MalformedBodyError {
  readonly code = 'invalid-utf8';
  readonly title = 'The body is not UTF-8';

  constructor() {
    super('The body is not valid UTF-8');
    this.name = 'InvalidUtf8Error';
  }
}

export class NestingTooDeepError extends MalformedBodyError {
  readonly code = 'nesting-too-deep';
  readonly title = 'The body is nested too deeply';

  constructor(maxDepth: number) {
    super(`The body is nested more than ${maxDepth} levels deep`);
    this.name = 'NestingTooDeepError';
  }
}

/** 400: the path or the query is not a valid URL (a percent-escape that is not UTF-8, such as `%ff`). */
export class MalformedUrlError extends HttpLayerError {
  readonly code = 'malformed-url';
  readonly status = 400;
  readonly title = 'The URL is malformed';
  override readonly fieldErrors: readonly FieldError[] = [
    { field: '(url)', message: 'the URL holds an invalid percent-encoding' },
  ];

  constructor() {
    super('The URL holds an invalid percent-encoding (it must be UTF-8)');
    this.name = 'MalformedUrlError';
  }
}

/** 414: a path segment longer than any id can be, even percent-encoded. */
export class UriTooLongError extends HttpLayerError {
  readonly code = 'uri-too-long';
  readonly status = 414;
  readonly title = 'URI too long';

  constructor() {
    super('A segment of the path is longer than the API accepts');
    this.name = 'UriTooLongError';
  }
}
