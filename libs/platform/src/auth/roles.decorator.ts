import { SetMetadata } from '@nestjs/common';
import type { Role } from './role';

export const REQUIRED_ROLES = 'auth:required-roles';

/** Only callers with one of these roles get through (403 otherwise); without it, any role does. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);
