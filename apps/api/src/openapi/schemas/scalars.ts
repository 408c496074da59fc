import { component, type JsonSchema } from '../json-schema';

/** A global position: an opaque decimal string the server orders (never a raw bigint in JSON). */
export const POSITION = component('Position', {
  type: 'string',
  pattern: '^(0|[1-9][0-9]*)$',
  description: 'A global position of the event log: an opaque decimal string',
  examples: ['4711'],
});

/** A stream version: the revision of the stream's last event, counting from 0. */
export const STREAM_VERSION: JsonSchema = { type: 'integer', minimum: -1 };

/** An instant as the server writes it (RFC 3339, UTC). */
export const INSTANT: JsonSchema = { type: 'string', format: 'date-time' };

export const INTEGER: JsonSchema = { type: 'integer' };
export const COUNT: JsonSchema = { type: 'integer', minimum: 0 };
export const TEXT: JsonSchema = { type: 'string' };
export const TEXTS: JsonSchema = { type: 'array', items: TEXT };
