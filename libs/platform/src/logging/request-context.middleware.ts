import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import { whenAnswered } from '../http/when-answered';
import { CorrelationContext } from './correlation-context';
import { CORRELATION_ID_HEADER, resolveCorrelationId } from './correlation-id';
import { logRequestLine } from './request-log-line';

/**
 * A request's context for logging: its correlation id, echoed on the response, with the rest of
 * the request run inside it (every line logged meanwhile carries it: the logger's mixin reads the
 * context), and its one log line once it is answered (Nest middleware on Fastify sees Node's raw
 * request and response). One middleware for both: pino-http, which wrote the line before, made
 * two child loggers a request (serialising the request each time) for a line it then wrote from
 * a third.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware<IncomingMessage, ServerResponse> {
  constructor(
    private readonly context: CorrelationContext,
    private readonly pino: PinoLogger,
  ) {}

  use(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
    const id = resolveCorrelationId(request);
    const startedAt = Date.now();
    response.setHeader(CORRELATION_ID_HEADER, id);
    whenAnswered(response, ({ aborted }) =>
      logRequestLine(this.pino.logger, request, response, id, startedAt, aborted),
    );
    this.context.run(id, next);
  }
}
