import type { FastifyRequest } from 'fastify';
import { type IdempotencyScope, isValidIdempotencyKey } from '@app/application';
import { type Caller, RequestValidationError } from '@app/platform';
import { pathOf } from './request-path';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** The key's scope: the caller, the method and the path; undefined when no key was sent. */
export function idempotencyScope(
  caller: Caller,
  request: FastifyRequest,
  key: string | undefined,
): IdempotencyScope | undefined {
  if (key === undefined) return undefined;
  if (!isValidIdempotencyKey(key)) {
    throw new RequestValidationError([
      {
        field: 'Idempotency-Key',
        message: 'Idempotency-Key must be 1 to 255 visible ASCII characters',
      },
    ]);
  }
  return { caller: caller.sub, method: request.method, path: pathOf(request), key };
}
