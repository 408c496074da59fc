/** RFC 9457 media type of every error answer. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Base of every problem `type` URI: `${PROBLEM_TYPE_BASE}<code>`. A constant rather than a setting
 * because the type is part of the public contract: clients match on it, so it must not change
 * between deployments. It is an identifier, not a page that has to resolve.
 */
export const PROBLEM_TYPE_BASE = 'https://errors.sessions.example/';

export interface FieldError {
  /** Path of the offending field, e.g. `charge.amountMinor` or `methods[1]`. */
  field: string;
  message: string;
}

/** The body of an error answer (RFC 9457), with our `code` and, for 400, every bad field. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path the problem occurred on. */
  instance: string;
  /** Stable kebab-case code: the last segment of `type`. */
  code: string;
  errors?: FieldError[];
}

export function problemType(code: string): string {
  return `${PROBLEM_TYPE_BASE}${code}`;
}
