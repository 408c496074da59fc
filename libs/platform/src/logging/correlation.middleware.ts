import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import { CorrelationContext } from './correlation-context';
import { CORRELATION_ID_HEADER, resolveCorrelationId } from './correlation-id';
import { logRequestLine } from './request-log-line';

/**
 * Echoes the request's correlation id on the response, runs the rest of the request inside it
 * (every line logged meanwhile carries it: the logger's mixin reads the context), and writes the
 * request's one log line when it is answered (Nest middleware on Fastify sees Node's raw request
 * and response). One middleware for both: pino-http, which did the second, made two child
 * loggers a request (serialising the request each time) for a line it then wrote from a third.
 */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware<IncomingMessage, ServerResponse> {
  constructor(
    private readonly context: CorrelationContext,
    private readonly pino: PinoLogger,
  ) {}

  use(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
    const id = resolveCorrelationId(request);
    const startedAt = Date.now();
    response.setHeader(CORRELATION_ID_HEADER, id);
    // 'finish': the answer was handed over; 'close' first: the client went away before that.
    const answered = (event: 'finish' | 'close') => (): void => {
      response.off('finish', finished);
      response.off('close', closed);
      logRequestLine(this.pino.logger, request, response, id, startedAt, event === 'close');
    };
    const finished = answered('finish');
    const closed = answered('close');
    response.on('finish', finished);
    response.on('close', closed);
    this.context.run(id, next);
  }
}
