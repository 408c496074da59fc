import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';

const problem = (status: number, description: string) =>
  ApiResponse({ status, description: `${description} (application/problem+json)` });

/** The headers and refusals every command shares (PRODUCT.md "HTTP API"). */
export const CommandDocs = (options: { ifMatch: boolean }): MethodDecorator =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Scoped to the caller, method and path; kept at least 24 h. Same key and body: the first answer; other body: 422; in flight: 409',
    }),
    ...(options.ifMatch
      ? [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description: 'The version expected: a quoted ETag ("3") or a bare number; mismatch 412',
          }),
        ]
      : []),
    problem(400, 'Validation failed; every bad field is named'),
    problem(401, 'No or bad token'),
    problem(403, 'Role or identity not allowed'),
    problem(409, 'Conflict, key in flight, concurrency retries exhausted'),
    problem(422, 'Refused by a rule, or key reused with another body'),
  );
