import type { FastifyInstance } from 'fastify';
import { MalformedUrlError } from './http-layer-errors';

/** Marks a query string that did not decode: the router's parser cannot throw, a hook refuses it. */
const MALFORMED = Symbol('malformed-query');

/**
 * Parses a query string as Fastify's default does (repeated names become lists, `+` is a space),
 * except that a percent-escape that is not UTF-8 (`%ff`, `%ED%A0%80`, `%zz`) is not kept as
 * literal text: the query is marked malformed, and refuseMalformedQueries answers 400.
 */
export function parseStrictQueryString(query: string): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = Object.create(null) as Record<
    string,
    string | string[]
  >;
  if (query.length === 0) return values;
  try {
    for (const pair of query.split('&')) {
      if (pair === '') continue;
      const equals = pair.indexOf('=');
      const decode = (part: string): string => decodeURIComponent(part.replace(/\+/g, ' '));
      const name = decode(equals === -1 ? pair : pair.slice(0, equals));
      const value = equals === -1 ? '' : decode(pair.slice(equals + 1));
      const known = values[name];
      values[name] =
        known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
    }
  } catch {
    Object.defineProperty(values, MALFORMED, { value: true });
  }
  return values;
}

/** Answers 400 (malformed-url) for a query string parseStrictQueryString could not decode. */
export function refuseMalformedQueries(instance: FastifyInstance): void {
  instance.addHook('onRequest', (request, _reply, done) => {
    const query = request.query as Record<symbol, unknown> | undefined;
    done(query?.[MALFORMED] === true ? new MalformedUrlError() : undefined);
  });
}
