import type { FieldError } from './problem-details';

/**
 * A refusal decided by the application layer (not a domain rule): it carries its own HTTP
 * status, because HTTP-facing concerns such as idempotency keys and If-Match live there.
 */
export abstract class ApplicationError extends Error {
  /** Stable, kebab-case, part of the public contract (the problem `type` ends with it). */
  abstract readonly code: string;
  abstract readonly status: number;
  abstract readonly title: string;
  readonly fieldErrors: readonly FieldError[] = [];

  /** Response headers the answer needs (Retry-After, WWW-Authenticate). */
  headers(): Record<string, string> {
    return {};
  }
}
