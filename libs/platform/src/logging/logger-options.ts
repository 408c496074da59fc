import type { LoggerOptions } from 'pino';
import type { LogLevel } from '../config/app-config';
import { currentCorrelationId } from './correlation-context';

/**
 * The process's one pino logger: at the configured level, and every line written while a request
 * (or another unit of work run through CorrelationContext) is in progress carries its
 * `correlationId`, read from the context when the line is written rather than bound into a child
 * logger made for every request.
 */
export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    mixin: () => {
      const correlationId = currentCorrelationId();
      return correlationId === undefined ? {} : { correlationId };
    },
  };
}
