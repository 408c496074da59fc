import { InvalidIfMatchError } from '@app/platform';

/** `"3"` (an ETag as GET /sessions/{id} sends it, also weak `W/"3"`) or a bare `3`. */
const IF_MATCH = /^(?:W\/)?"(0|[1-9][0-9]{0,15})"$|^(0|[1-9][0-9]{0,15})$/;

/** The version the client expects, or undefined without If-Match; malformed: 400. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = IF_MATCH.exec(header.trim());
  const digits = match?.[1] ?? match?.[2];
  if (digits === undefined) throw new InvalidIfMatchError(header);
  const version = Number(digits);
  if (!Number.isSafeInteger(version)) throw new InvalidIfMatchError(header);
  return version;
}

/** The ETag of a session: its stream version, quoted. */
export function etagOf(version: number): string {
  return `"${version}"`;
}
