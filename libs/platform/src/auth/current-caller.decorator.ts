import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { UnauthorizedError } from '../errors/application-errors';
import type { Caller } from './caller';
import { callerOf } from './request-caller';

/**
 * The verified caller of the request. On a @Public() route there is none: asking for it there is
 * a programming error, answered as 401 rather than handing the handler an undefined identity.
 */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller => {
    const caller = callerOf(context.switchToHttp().getRequest<object>());
    if (caller === undefined) throw new UnauthorizedError('This request needs a bearer token');
    return caller;
  },
);
