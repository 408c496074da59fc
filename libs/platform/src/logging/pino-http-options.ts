import type { IncomingMessage } from 'node:http';
import type { Options } from 'pino-http';
import type { LogLevel } from '../config/app-config';
import { resolveCorrelationId } from './correlation-id';
import { REDACTED, redactHeaders, redactQuery, redactUrl } from './redact-secrets';

/** Paths pino replaces with `[redacted]`: credentials never reach the logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** pino-http's own error for an answer >= 500 that no exception came with. */
const SYNTHESISED = /^failed with status code \d{3}$/;

/** The request as logged: a token never appears, wherever the request carried it. */
function requestSerializer(request: Record<string, unknown>): Record<string, unknown> {
  return {
    ...request,
    ...(typeof request.url === 'string' ? { url: redactUrl(request.url) } : {}),
    ...(request.query === undefined ? {} : { query: redactQuery(request.query) }),
    ...(request.headers === undefined ? {} : { headers: redactHeaders(request.headers) }),
  };
}

/**
 * pino-http settings: JSON lines at the configured level, with `correlationId` on every line of
 * the request (pino-http binds custom props to the request's child logger, which nestjs-pino
 * uses for everything logged during the request). A token is redacted from the url, the query
 * and the headers (Authorization, Cookie and the like entirely; a JWT anywhere else). A refusal
 * we answered on purpose (a 503 in an outage, any 4xx) is one line without a stack: pino-http
 * would otherwise attach an error it makes up, with its stack, to every 5xx; a real bug's stack
 * is logged once by the exception filter.
 */
export function pinoHttpOptions(level: LogLevel): Options {
  return {
    level,
    // Used only when nothing set `req.id` before (Fastify's middleware layer usually has).
    genReqId: (request: IncomingMessage) => resolveCorrelationId(request),
    customProps: (request: IncomingMessage) => ({ correlationId: resolveCorrelationId(request) }),
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    serializers: { req: requestSerializer },
    customErrorObject: (_request, _response, error: Error, value: Record<string, unknown>) => {
      if (!SYNTHESISED.test(error.message)) return value;
      const { err: _made_up, ...rest } = value;
      return rest;
    },
    // A client error is the client's business; only server errors are errors of ours.
    customLogLevel: (_request, response, error) => {
      if (error !== undefined || response.statusCode >= 500) return 'error';
      if (response.statusCode >= 400) return 'warn';
      return 'info';
    },
  };
}
