import { ROLES, type Role } from '@app/domain';

/** The roles a token may carry are the domain's (docs/product.md, "HTTP API"). */
export { ROLES, type Role };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
