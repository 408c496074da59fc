import { ValidateIf, ValidateBy, type ValidationOptions, buildMessage } from 'class-validator';
import { isCurrencyCode, isIanaTimeZone, MAX_NOTE_LENGTH, parseInstant } from '@app/domain';

/**
 * Optional, but `null` is not "absent": JSON `null` for an optional field is a wrong type (the
 * domain says the same of `"charge": null`). class-validator's @IsOptional would let it through.
 */
export const OptionalDefined = (): PropertyDecorator =>
  ValidateIf((_object, value) => value !== undefined);

/** An ISO-8601 instant WITH an offset (`Z` or `±hh:mm`), a real calendar date. */
export const IsInstantWithOffset = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isInstantWithOffset',
      validator: {
        validate: (value) => parseInstant(value) !== undefined,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO-8601 instant with an offset (Z or ±hh:mm)`,
          options,
        ),
      },
    },
    options,
  );

export const IsIanaTimeZoneName = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value) => isIanaTimeZone(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an IANA time zone`,
          options,
        ),
      },
    },
    options,
  );

export const IsCurrency = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isCurrencyCode',
      validator: {
        validate: (value) => typeof value === 'string' && isCurrencyCode(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO 4217 currency code`,
          options,
        ),
      },
    },
    options,
  );

/** A global position: a decimal string. */
export const IsPosition = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isPosition',
      validator: {
        validate: (value) => typeof value === 'string' && /^(0|[1-9][0-9]{0,39})$/.test(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a position (a decimal string)`,
          options,
        ),
      },
    },
    options,
  );

/**
 * The note and the reason together: `other` needs a note of 1 to 500 characters (code points,
 * not blank); any other reason takes no note at all.
 */
export const IsNoteForReason = (): PropertyDecorator =>
  ValidateBy({
    name: 'isNoteForReason',
    validator: {
      validate: (value, args) => {
        const reason = (args?.object as { reason?: unknown }).reason;
        if (reason !== 'other') return value === undefined;
        return (
          typeof value === 'string' &&
          value.trim().length > 0 &&
          [...value].length <= MAX_NOTE_LENGTH
        );
      },
      defaultMessage: (args) => {
        const reason = (args?.object as { reason?: unknown }).reason;
        if (reason !== 'other') return 'note is accepted only with reason other';
        return `reason other needs a note of 1 to ${MAX_NOTE_LENGTH} characters`;
      },
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
