import type { JsonValue } from '@app/event-store';

/**
 * What a command answers over HTTP: status, the headers that matter (Location, Position, ETag,
 * Content-Type of a problem) and the body. Handlers build it so that the idempotency record can
 * store the exact answer in the same transaction as the command's events, and a replay can send
 * it back byte for byte in meaning.
 */
export interface CommandAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** null for an answer without a body (204). */
  readonly body: JsonValue | null;
}

/** Headers that a replay must repeat; anything else (dates, request ids) belongs to one answer. */
export const REPLAYED_HEADERS = ['location', 'position', 'etag', 'content-type', 'retry-after'];

export function answer(
  status: number,
  body: JsonValue | null,
  headers: Record<string, string> = {},
): CommandAnswer {
  return { status, headers, body };
}
