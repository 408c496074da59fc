import type { IncomingMessage } from 'node:http';
import type { Options } from 'pino-http';
import type { LogLevel } from '../config/app-config';
import { resolveCorrelationId } from './correlation-id';
import { redactUrl } from './redact-secrets';

/** pino-http's own error for an answer >= 500 that no exception came with. */
const SYNTHESISED = /^failed with status code \d{3}$/;

/**
 * The request as logged: what was asked, nothing more (no header, so no credential header: a
 * token in the url is redacted). One short line a request, built from three fields.
 */
function requestSerializer(request: Record<string, unknown>): Record<string, unknown> {
  return {
    id: request.id,
    method: request.method,
    url: typeof request.url === 'string' ? redactUrl(request.url) : request.url,
  };
}

/** The answer as logged: its status (the headers are the client's business). */
function responseSerializer(response: Record<string, unknown>): Record<string, unknown> {
  return { statusCode: response.statusCode };
}

/**
 * pino-http settings: one short line a request at the configured level (method, url, status,
 * response time), with `correlationId` on every line of the request (pino-http binds custom
 * props to the request's child logger, which nestjs-pino uses for everything logged during the
 * request). No header is logged; a token in the url is redacted (see requestSerializer). A refusal
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
    serializers: { req: requestSerializer, res: responseSerializer },
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
