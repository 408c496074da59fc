import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_JSON_NESTING_DEPTH } from '@app/domain';
import {
  InvalidJsonError,
  InvalidUtf8Error,
  NestingTooDeepError,
  UnsupportedMediaTypeError,
} from './http-layer-errors';
import { exceedsNestingDepth } from './json-nesting-depth';

/** `charset=utf-8` (any case, quoted or not) or no charset at all. */
function isUtf8OrUnset(contentType: string | undefined): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '')?.[1];
  return charset === undefined || /^utf-?8$/i.test(charset);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Replaces every body parser of the instance with one: `application/json` in UTF-8, at most
 * `bodyLimit` bytes (413 beyond), valid UTF-8 (else 400, never replacement characters), nested at
 * most MAX_JSON_NESTING_DEPTH levels (checked on the text, before anything recursive walks it),
 * parsed with Fastify's prototype-poisoning protection. Any other media type, or a body without
 * one, is a 415 and is not read. Call before the instance is ready; create the Nest app with
 * `bodyParser: false` so Nest adds no parser of its own (it would accept form bodies).
 */
export function useStrictJsonBodies(
  instance: FastifyInstance,
  options: { bodyLimit: number },
): void {
  const parseJson = instance.getDefaultJsonParser('error', 'error');
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: options.bodyLimit },
    (
      request: FastifyRequest,
      body: Buffer,
      done: (error: Error | null, value?: unknown) => void,
    ) => {
      if (!isUtf8OrUnset(request.headers['content-type'])) {
        done(new UnsupportedMediaTypeError());
        return;
      }
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        done(new InvalidUtf8Error());
        return;
      }
      if (text.trim() === '') {
        done(new InvalidJsonError('The body is empty; send a JSON document'));
        return;
      }
      if (exceedsNestingDepth(text, MAX_JSON_NESTING_DEPTH)) {
        done(new NestingTooDeepError(MAX_JSON_NESTING_DEPTH));
        return;
      }
      void parseJson(request, text, (error: Error | null, value?: unknown) =>
        error ? done(new InvalidJsonError()) : done(null, value),
      );
    },
  );
  instance.addContentTypeParser('*', (_request, _payload, done) =>
    done(new UnsupportedMediaTypeError()),
  );
}
