import { PROBLEM_TYPE_BASE } from '@app/platform';
import { closedObject, component, type JsonSchema } from '../json-schema';
import { TEXT } from './scalars';

/** One bad field of a 400: `charge.amountMinor`, `methods[1]`, `(body)`, `(url)`. */
const FIELD_ERROR = closedObject(
  {
    field: { type: 'string', description: 'Path of the offending field', examples: ['note'] },
    message: { type: 'string', examples: ['note is required with reason other'] },
  },
  ['field', 'message'],
);

/** The members of every problem document; a problem type may add its own (the 410 of history). */
export const PROBLEM_PROPERTIES: Record<string, JsonSchema> = {
  type: { type: 'string', format: 'uri', examples: [`${PROBLEM_TYPE_BASE}validation-failed`] },
  title: TEXT,
  status: { type: 'integer', minimum: 400, maximum: 599 },
  detail: TEXT,
  instance: { type: 'string', description: 'The request path', examples: ['/api/v1/sessions'] },
  code: {
    type: 'string',
    pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
    description: 'Stable kebab-case code: the last segment of `type`',
    examples: ['validation-failed'],
  },
  errors: {
    type: 'array',
    items: FIELD_ERROR,
    description: 'Every bad field (400 only)',
  },
};

export const PROBLEM_REQUIRED = ['type', 'title', 'status', 'detail', 'instance', 'code'];

/**
 * Every error answer (RFC 9457, `application/problem+json`): a stable `type` per error whose last
 * segment is `code`, and for a 400 every bad field in `errors`.
 */
export const PROBLEM = component(
  'Problem',
  closedObject(PROBLEM_PROPERTIES, PROBLEM_REQUIRED, {
    description: 'RFC 9457 problem details; `type` is stable per error, `code` its last segment',
  }),
);
