import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../errors/application-errors';
import { IS_PUBLIC } from './public.decorator';
import { attachCaller } from './request-caller';
import { TokenVerifier } from './token-verifier';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Global guard: every HTTP route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    if (header === undefined || header === '')
      throw new UnauthorizedError('This request needs a bearer token');
    const match = BEARER.exec(header);
    if (match?.[1] === undefined) {
      throw new UnauthorizedError(
        'The Authorization header must be "Bearer <token>"',
        'invalid_request',
      );
    }
    attachCaller(request, await this.verifier.verify(match[1]));
    return true;
  }
}
