import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type Caller, callerOf, UnauthorizedError } from '@app/platform';
import { parseIfMatch } from './if-match';

/** What every command endpoint takes from the request besides its body and path. */
export interface CommandCall {
  readonly caller: Caller;
  readonly request: FastifyRequest;
  readonly idempotencyKey: string | undefined;
  /** From If-Match (400 when malformed); undefined without the header. */
  readonly expectedVersion: number | undefined;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export const CurrentCommandCall = createParamDecorator(
  (_data: unknown, context: ExecutionContext): CommandCall => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const caller = callerOf(request);
    if (caller === undefined) throw new UnauthorizedError('This request needs a bearer token');
    return {
      caller,
      request,
      idempotencyKey: header(request, 'idempotency-key'),
      expectedVersion: parseIfMatch(header(request, 'if-match')),
    };
  },
);
