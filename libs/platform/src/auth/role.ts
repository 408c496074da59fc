/** The roles a token may carry (PRODUCT.md, "HTTP API"). */
export const ROLES = ['professional', 'auditor', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
