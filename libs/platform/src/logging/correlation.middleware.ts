import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CorrelationContext } from './correlation-context';
import { CORRELATION_ID_HEADER, resolveCorrelationId } from './correlation-id';

/**
 * Echoes the request's correlation id on the response and runs the rest of the request inside it
 * (Nest middleware on Fastify sees Node's raw request and response).
 */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware<IncomingMessage, ServerResponse> {
  constructor(private readonly context: CorrelationContext) {}

  use(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
    const id = resolveCorrelationId(request);
    response.setHeader(CORRELATION_ID_HEADER, id);
    this.context.run(id, next);
  }
}
