import type { IncomingMessage } from 'node:http';
import type { Options } from 'pino-http';
import type { LogLevel } from '../config/app-config';
import { resolveCorrelationId } from './correlation-id';

/** Paths pino replaces with `[redacted]`: credentials never reach the logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/**
 * pino-http settings: JSON lines at the configured level, with `correlationId` on every line of
 * the request (pino-http binds custom props to the request's child logger, which nestjs-pino
 * uses for everything logged during the request).
 */
export function pinoHttpOptions(level: LogLevel): Options {
  return {
    level,
    // Used only when nothing set `req.id` before (Fastify's middleware layer usually has).
    genReqId: (request: IncomingMessage) => resolveCorrelationId(request),
    customProps: (request: IncomingMessage) => ({ correlationId: resolveCorrelationId(request) }),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // A client error is the client's business; only server errors are errors of ours.
    customLogLevel: (_request, response, error) => {
      if (error !== undefined || response.statusCode >= 500) return 'error';
      if (response.statusCode >= 400) return 'warn';
      return 'info';
    },
  };
}
