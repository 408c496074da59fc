import { isIanaTimeZone, parseCalendarDate, parseInstant } from '../common';
import type { Bound, DateBound, InstantBound, SchemaFragment, TextBound } from './bound';
import {
  codePointName,
  forbiddenControlsClass,
  isControlCharacter,
  isLoneSurrogate,
} from './control-characters';

const TIME_ZONE_SHAPE = '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const count = (value: number): string => value.toLocaleString('en-US');

/** What is wrong with a text, or undefined when it fits. Lengths count code points. */
function textViolation(bound: TextBound, value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  const allowed = new Set(bound.allowedControls);
  let length = 0;
  for (const character of value) {
    length += 1;
    const point = character.codePointAt(0) ?? 0;
    if (isLoneSurrogate(point)) {
      return `must be valid Unicode (a lone surrogate ${codePointName(point)} at character ${length})`;
    }
    if (isControlCharacter(point) && !allowed.has(character)) {
      return `must not contain control characters (${codePointName(point)} at character ${length})`;
    }
  }
  if (bound.notBlank && value.trim() === '') return 'must not be blank';
  if (length < bound.minLength || length > bound.maxLength) {
    return `must be ${count(bound.minLength)} to ${count(bound.maxLength)} characters long (got ${count(length)})`;
  }
  return undefined;
}

function rangeViolation(
  bound: InstantBound | DateBound,
  ms: number | undefined,
  shape: string,
): string | undefined {
  if (ms === undefined) return `must be ${shape}`;
  const parse = bound.kind === 'instant' ? parseInstant : parseCalendarDate;
  const from = parse(bound.from) ?? Number.NEGATIVE_INFINITY;
  const before = parse(bound.before) ?? Number.POSITIVE_INFINITY;
  if (ms < from || ms >= before) return `must be from ${bound.from} to before ${bound.before}`;
  return undefined;
}

/**
 * Why `value` is outside `bound` (a phrase to follow the field's name, e.g. "must be an integer
 * from 5 to 480"), or undefined when it is within. Never throws, whatever the value.
 */
export function boundViolation(bound: Bound, value: unknown): string | undefined {
  switch (bound.kind) {
    case 'integer': {
      const within =
        typeof value === 'number' &&
        Number.isSafeInteger(value) &&
        value >= bound.minimum &&
        value <= bound.maximum;
      return within
        ? undefined
        : `must be an integer from ${count(bound.minimum)} to ${count(bound.maximum)}`;
    }
    case 'text':
      return textViolation(bound, value);
    case 'instant':
      return rangeViolation(
        bound,
        parseInstant(value),
        'an ISO-8601 instant with an offset (Z or ±hh:mm), e.g. 2026-03-01T09:00:00+01:00',
      );
    case 'date':
      return rangeViolation(bound, parseCalendarDate(value), 'a date YYYY-MM-DD');
    case 'choice':
      return typeof value === 'string' && bound.values.includes(value)
        ? undefined
        : `must be one of ${bound.values.join(', ')}`;
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? undefined : 'must be a UUID';
    case 'time-zone':
      return typeof value === 'string' && value.length <= bound.maxLength && isIanaTimeZone(value)
        ? undefined
        : 'must be an IANA time zone name, e.g. Europe/Paris';
  }
}

/**
 * The JSON Schema of a bound, for OpenAPI documents and request-body schemas. Text patterns
 * refuse lone surrogates and control characters whether or not a validator reads them with the
 * `u` flag.
 */
export function schemaOf(bound: Bound): SchemaFragment {
  switch (bound.kind) {
    case 'integer':
      return { type: 'integer', minimum: bound.minimum, maximum: bound.maximum };
    case 'text': {
      // A character that is neither a surrogate nor a forbidden control, or a surrogate pair:
      // the same verdict with the `u` flag (JSON Schema 2020-12, ajv) and without it (Spectral,
      // many OpenAPI tools), which `\p{Cs}` would not give.
      const controls = forbiddenControlsClass(bound.allowedControls);
      const body = `(?:[^\\ud800-\\udfff${controls}]|[\\ud800-\\udbff][\\udc00-\\udfff])*`;
      return {
        type: 'string',
        minLength: bound.minLength,
        maxLength: bound.maxLength,
        pattern: bound.notBlank ? `^(?=[\\s\\S]*\\S)${body}$` : `^${body}$`,
      };
    }
    case 'instant':
      return {
        type: 'string',
        format: 'date-time',
        formatMinimum: bound.from,
        formatExclusiveMaximum: bound.before,
      };
    case 'date':
      return {
        type: 'string',
        format: 'date',
        formatMinimum: bound.from,
        formatExclusiveMaximum: bound.before,
      };
    case 'choice':
      return { type: 'string', enum: bound.values };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'time-zone':
      // The shape of every IANA name (letters first; letters, digits, `_`, `-`, `+`, `/`): looser
      // than the runtime's list, never stricter, and it refuses offsets such as `+02:00`.
      return {
        type: 'string',
        minLength: 1,
        maxLength: bound.maxLength,
        pattern: TIME_ZONE_SHAPE,
      };
  }
}
