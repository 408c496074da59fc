import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '../errors/application-errors';
import { IS_PUBLIC } from './public.decorator';
import { callerOf } from './request-caller';
import type { Role } from './role';
import { REQUIRED_ROLES } from './roles.decorator';

/** Global guard after AuthGuard: refuses with 403 a caller whose role is not in @Roles(...). */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required === undefined || required.length === 0) return true;
    const caller = callerOf(context.switchToHttp().getRequest<object>());
    // AuthGuard runs first; no caller here means the guards were registered out of order.
    if (caller === undefined) throw new UnauthorizedError('This request needs a bearer token');
    if (!required.includes(caller.role)) {
      throw new ForbiddenError(
        `The role ${caller.role} may not do this; it needs ${required.join(' or ')}`,
      );
    }
    return true;
  }
}
