import type { ValidationError } from 'class-validator';
import type { FieldError } from './problem-details';

/** Field name used when the body itself is wrong (not an object at all). */
export const BODY_FIELD = '(body)';

/**
 * Turns class-validator's tree of errors into one entry per bad field, named by its path
 * (`charge.amountMinor`, `methods[1]`), so a client sees every problem in one answer.
 */
export function flattenValidationErrors(
  errors: readonly ValidationError[],
  parent = '',
): FieldError[] {
  return errors.flatMap((error) => {
    const path = joinPath(parent, error.property);
    const own = Object.values(error.constraints ?? {});
    const mine: FieldError[] =
      own.length > 0 ? [{ field: path === '' ? BODY_FIELD : path, message: own.join('; ') }] : [];
    return [...mine, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

function joinPath(parent: string, property: string): string {
  if (property === '' || property === undefined) return parent;
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}
