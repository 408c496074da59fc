import type { LoggerOptions } from 'pino';
import type { LogLevel } from '../config/app-config';

/**
 * The process's one pino logger, at the configured level. A line about a request says its
 * `correlationId` itself (the request's line, the exception filter's): the id travels explicitly,
 * not in an AsyncLocalStorage. On Node 20 a context store puts a hook on every promise the
 * process creates; measured, that was a tenth of the API's CPU a cancel.
 */
export function loggerOptions(level: LogLevel): LoggerOptions {
  return { level };
}
