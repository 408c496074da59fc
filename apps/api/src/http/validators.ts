import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { ValidateIf, ValidateBy, type ValidationOptions, buildMessage } from 'class-validator';
import { type Bound, boundViolation, noteRefusal, schemaOf } from '@app/domain';

/**
 * Optional, but `null` is not "absent": JSON `null` for an optional field is a wrong type (the
 * domain says the same of `"charge": null`). class-validator's @IsOptional would let it through.
 */
export const OptionalDefined = (): PropertyDecorator =>
  ValidateIf((_object, value) => value !== undefined);

/**
 * The value is within a bound of the domain's table (BOUNDS): the message names the field and
 * says what is wrong ("clientId must not contain control characters (U+0000 at character 7)").
 */
export const Within = (bound: Bound, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: `within-${bound.kind}`,
      constraints: [bound],
      validator: {
        validate: (value) => boundViolation(bound, value) === undefined,
        defaultMessage: buildMessage(
          (each, args) =>
            `${each}$property ${boundViolation(bound, args?.value) ?? 'is out of bounds'}`,
          options,
        ),
      },
    },
    options,
  );

/** The OpenAPI property of a bound: the same table the validation reads. */
function documented(bound: Bound, docs: ApiPropertyOptions): ApiPropertyOptions {
  // formatMinimum and formatExclusiveMaximum are JSON Schema (ajv-formats), not OpenAPI 3.0
  // keywords: the range of an instant or a date is said in the description instead.
  const {
    formatMinimum: _from,
    formatExclusiveMaximum: _before,
    ...schema
  } = schemaOf(bound) as Record<string, unknown>;
  const range =
    bound.kind === 'instant' || bound.kind === 'date'
      ? ` From ${bound.from} to before ${bound.before}.`
      : '';
  return {
    ...(schema as ApiPropertyOptions),
    ...docs,
    ...(range === '' ? {} : { description: `${docs.description ?? ''}${range}`.trim() }),
  } as ApiPropertyOptions;
}

/**
 * A required body or query field within `bound`, documented from it: one decorator so the
 * OpenAPI bound cannot drift from the enforced one.
 */
export const Bounded = (bound: Bound, docs: ApiPropertyOptions = {}): PropertyDecorator =>
  applyDecorators(ApiProperty(documented(bound, docs)), Within(bound));

/** An optional field within `bound` (absent is fine, `null` is not). */
export const OptionalBounded = (bound: Bound, docs: ApiPropertyOptions = {}): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional(documented(bound, docs)), OptionalDefined(), Within(bound));

/** A global position as a request carries it: a decimal string. */
export const POSITION_PATTERN = /^(0|[1-9][0-9]{0,39})$/;

/** A global position: a decimal string. */
export const IsPosition = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isPosition',
      validator: {
        validate: (value) => typeof value === 'string' && POSITION_PATTERN.test(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a position (a decimal string)`,
          options,
        ),
      },
    },
    options,
  );

/**
 * The note and the reason together, by the domain's one rule (noteRefusal): `other` needs a note
 * within BOUNDS.note; any other reason takes no note at all.
 */
export const IsNoteForReason = (): PropertyDecorator =>
  ValidateBy({
    name: 'isNoteForReason',
    validator: {
      validate: (value, args) =>
        noteRefusal((args?.object as { reason?: unknown }).reason, value) === undefined,
      defaultMessage: (args) =>
        noteRefusal((args?.object as { reason?: unknown }).reason, args?.value)?.message ??
        'note is not valid',
    },
  });

/** A field that must be absent when a sibling has a given value (amountMinor with credits). */
export const AbsentWhen = (sibling: string, value: unknown, message: string): PropertyDecorator =>
  ValidateBy({
    name: 'absentWhen',
    validator: {
      validate: (field, args) =>
        field === undefined || (args?.object as Record<string, unknown>)[sibling] !== value,
      defaultMessage: () => message,
    },
  });
