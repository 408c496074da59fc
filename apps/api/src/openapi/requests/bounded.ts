import { type Bound, schemaOf } from '@app/domain';
import type { JsonSchema } from '../json-schema';

/**
 * A request field's schema from the domain's bounds table (schemaOf), with its documentation:
 * the document states the bound the server enforces, never a copy of it.
 */
export function bounded(bound: Bound, docs: JsonSchema = {}): JsonSchema {
  const range =
    bound.kind === 'instant' || bound.kind === 'date'
      ? ` From ${bound.from} inclusive to ${bound.before} exclusive.`
      : '';
  const description = `${typeof docs.description === 'string' ? docs.description : ''}${range}`;
  return {
    ...schemaOf(bound),
    ...docs,
    ...(description === '' ? {} : { description: description.trim() }),
  };
}
