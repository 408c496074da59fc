import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { callerOf, ForbiddenError } from '@app/platform';

type Source = 'body' | 'params' | 'query';
const SELF_ONLY = 'api:self-only';

/**
 * A professional may act only for themself: the `professionalId` of the body, path or query
 * must be their `sub`, else 403. A guard (not the controller) so the 403 comes before the 400 of
 * validation, as docs/product.md's check order requires. Other roles pass (their rules are elsewhere).
 */
@Injectable()
export class SelfOnlyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const source = this.reflector.get<Source | undefined>(SELF_ONLY, context.getHandler());
    if (source === undefined) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const caller = callerOf(request);
    if (caller?.role !== 'professional') return true;
    const holder: unknown = request[source];
    const value =
      typeof holder === 'object' && holder !== null
        ? (holder as Record<string, unknown>).professionalId
        : undefined;
    if (value === undefined) return true;
    if (value !== caller.sub) {
      throw new ForbiddenError('A professional may act only for themself (professionalId)');
    }
    return true;
  }
}

export const SelfOnly = (source: Source): MethodDecorator =>
  applyDecorators(SetMetadata(SELF_ONLY, source), UseGuards(SelfOnlyGuard));
