import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtension,
  ApiHeader,
  ApiOperation,
  ApiResponse,
} from '@nestjs/swagger';
import type { ExampleObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PROBLEM_CONTENT_TYPE } from '@app/platform';
import type { Component } from './json-schema';
import { PROBLEM_STATUSES, type ProblemStatus } from './problem-statuses';
import { headersOf, type ResponseHeaderName } from './response-headers';
import { PROBLEM } from './schemas/problem.schema';

export interface SuccessAnswer {
  readonly status: number;
  readonly description: string;
  /** The body's schema (a named component, or inline for a plain text); none for 204. */
  readonly schema?: Component | { readonly type: 'string' };
  /** Not JSON: a PEM key, JSON Lines. */
  readonly mediaType?: string;
  readonly headers?: readonly ResponseHeaderName[];
}

/** Who may call an operation, as docs/product.md's table says: in words, and the role names. */
export interface Audience {
  readonly roles: string;
  readonly names: readonly string[];
}

export interface OperationContract {
  readonly summary: string;
  readonly description?: string;
  readonly audience: Audience;
  /** Anyone may call it: no token, so no 401 and no key-set 503. */
  readonly public?: true;
  readonly body?: { readonly schema: Component; readonly examples?: Record<string, ExampleObject> };
  /** Commands take Idempotency-Key (and If-Match), and replayed answers say so. */
  readonly command?: { readonly ifMatch: boolean };
  readonly answers: readonly SuccessAnswer[];
  /** Every error status the operation can answer, with a description of its own or the usual one. */
  readonly problems: Partial<Record<ProblemStatus, string | true>>;
  /** Why this operation may answer 503 besides the token's keys (every protected one may). */
  readonly unavailable?: string;
  /** A problem answered with another schema (the 410 of history with its deletion record). */
  readonly problemSchemas?: Partial<Record<ProblemStatus, Component>>;
}

const MALFORMED_REQUEST =
  'The URL or the body is malformed (not UTF-8, a lone surrogate, JSON nested too deeply)';

/** Answers a replay repeats: everything but the refusals that come before the key is looked at. */
const REPLAYABLE: ReadonlySet<number> = new Set([400, 404, 409, 410, 412, 422]);

const json = (schema: Component, mediaType = 'application/json') => ({
  [mediaType]: { schema: schema.ref },
});

/**
 * The whole contract of one operation in one decorator: summary, the roles that may call it,
 * security, request body and headers, every answer with its schema and headers, and every
 * problem as application/problem+json (`default` for the HTTP layer's 408, 414, 431 and a 500).
 */
export function ApiContract(contract: OperationContract): MethodDecorator {
  const { audience, command } = contract;
  const replayed = (status: number): ResponseHeaderName[] =>
    command !== undefined && (status < 300 || REPLAYABLE.has(status))
      ? ['Idempotent-Replayed']
      : [];
  const decorators: Array<MethodDecorator> = [
    ApiOperation({
      summary: contract.summary,
      description: [contract.description, `Roles: ${audience.roles}.`].filter(Boolean).join('\n\n'),
    }),
    ApiExtension('x-roles', audience.names),
  ];
  if (contract.public === undefined) decorators.push(ApiBearerAuth());
  if (contract.body !== undefined) {
    decorators.push(
      ApiBody({
        required: true,
        schema: contract.body.schema.ref,
        ...(contract.body.examples ? { examples: contract.body.examples } : {}),
      }),
    );
  }
  if (command !== undefined) {
    decorators.push(
      ApiHeader({
        name: 'Idempotency-Key',
        required: false,
        description:
          'Scoped to the caller, method and path; kept at least 24 h. Same key and body: the first answer again (Idempotent-Replayed: true), nothing written; another body: 422; still in flight: 409',
        schema: { type: 'string', minLength: 1, maxLength: 200 },
      }),
    );
    if (command.ifMatch) {
      decorators.push(
        ApiHeader({
          name: 'If-Match',
          required: false,
          description: 'The version expected: a quoted ETag ("3") or a bare number; mismatch: 412',
          schema: { type: 'string' },
        }),
      );
    }
  }
  for (const answer of contract.answers) {
    const headers = headersOf([...(answer.headers ?? []), ...replayed(answer.status)]);
    decorators.push(
      ApiResponse({
        status: answer.status,
        description: answer.description,
        ...(answer.schema
          ? {
              content: {
                [answer.mediaType ?? 'application/json']: {
                  schema: 'ref' in answer.schema ? answer.schema.ref : answer.schema,
                },
              },
            }
          : {}),
        ...(headers ? { headers } : {}),
      }),
    );
  }
  // The HTTP layer refuses a malformed URL (or body) with a 400 on every route, and a token
  // cannot be checked while the key set is unreachable (503) on every protected one.
  const unavailable = [
    contract.unavailable,
    contract.public ? undefined : 'the keys that verify tokens could not be fetched',
  ]
    .filter(Boolean)
    .join(', or ');
  const problems = {
    400: MALFORMED_REQUEST,
    ...contract.problems,
    ...(unavailable === ''
      ? {}
      : { 503: `Unavailable: ${unavailable}. Retry-After says when to retry` }),
  };
  for (const [key, text] of Object.entries(problems)) {
    const status = Number(key) as ProblemStatus;
    const retry: ResponseHeaderName[] = status === 503 || status === 409 ? ['Retry-After'] : [];
    const headers = headersOf([...retry, ...replayed(status)]);
    decorators.push(
      ApiResponse({
        status,
        description: text === true ? PROBLEM_STATUSES[status] : text,
        content: json(contract.problemSchemas?.[status] ?? PROBLEM, PROBLEM_CONTENT_TYPE),
        ...(headers ? { headers } : {}),
      }),
    );
  }
  decorators.push(
    ApiResponse({
      status: 'default',
      description:
        'Any other refusal of the HTTP layer (408, 414, 431) or an unexpected error, as problem+json',
      content: json(PROBLEM, PROBLEM_CONTENT_TYPE),
    }),
  );
  return applyDecorators(...decorators);
}
