import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import { whenAnswered } from '../http/when-answered';
import { CORRELATION_ID_HEADER, resolveCorrelationId } from './correlation-id';
import { logRequestLine } from './request-log-line';

/**
 * A request's correlation id, echoed on the response, and its one log line once it is answered
 * (Nest middleware on Fastify sees Node's raw request and response). The id is remembered on the
 * request (resolveCorrelationId): the command runner stamps it on the command's events and the
 * exception filter on its line. One middleware for both: pino-http, which wrote the line before,
 * made two child loggers a request (serialising the request each time) for a line it then wrote
 * from a third.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware<IncomingMessage, ServerResponse> {
  constructor(private readonly pino: PinoLogger) {}

  use(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
    const id = resolveCorrelationId(request);
    const startedAt = Date.now();
    response.setHeader(CORRELATION_ID_HEADER, id);
    whenAnswered(response, ({ aborted }) =>
      logRequestLine(this.pino.logger, request, response, id, startedAt, aborted),
    );
    next();
  }
}
