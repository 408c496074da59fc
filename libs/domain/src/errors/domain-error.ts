/**
 * Why a command was refused, in the terms of docs/product.md's error catalogue. The platform maps each
 * category to one HTTP status in one place; the domain knows nothing of HTTP.
 *   invalid       -> 400  the request is malformed whatever the state
 *   not-found     -> 404  no such session (or another professional's)
 *   gone          -> 410  a replay on a deleted session
 *   conflict      -> 409  the state or a concurrent request is in the way
 *   precondition  -> 412  If-Match is not the current version
 *   rule          -> 422  well formed, but a rule of the article refuses it
 */
export type DomainErrorCategory =
  'invalid' | 'not-found' | 'gone' | 'conflict' | 'precondition' | 'rule';

export abstract class DomainError extends Error {
  /** Stable, kebab-case, part of the public contract (the problem+json `type` ends with it). */
  abstract readonly code: string;
  abstract readonly category: DomainErrorCategory;
  /** For `invalid`: the offending field paths, e.g. ['note'] or ['charge.amountMinor']. */
  readonly fields: readonly string[] = [];

  constructor(message?: string) {
    super(message);
    // Logs and test failures then name the refusal instead of a bare "Error".
    this.name = new.target.name;
  }
}
