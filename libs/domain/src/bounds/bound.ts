/**
 * The shape of one field's bound, as data: the API's DTOs and the deciders check values against
 * it (`boundViolation`), and `schemaOf` turns it into the JSON Schema fragment an OpenAPI
 * document or a request-body schema is built from, so the documented bound is the enforced one.
 */

/** A whole number from `minimum` to `maximum`, both inclusive. */
export interface IntegerBound {
  readonly kind: 'integer';
  readonly minimum: number;
  readonly maximum: number;
}

/**
 * Text of `minLength` to `maxLength` Unicode code points (an emoji is one), well formed (no lone
 * surrogate) and without control characters other than `allowedControls`.
 */
export interface TextBound {
  readonly kind: 'text';
  readonly minLength: number;
  readonly maxLength: number;
  /** Control characters the text may hold (the note: tab, LF, CR). */
  readonly allowedControls: readonly string[];
  /** A text of blanks only says nothing: it counts as absent. */
  readonly notBlank: boolean;
}

/** An ISO-8601 instant with an offset (`Z` or `±hh:mm`), from `from` inclusive to `before` exclusive. */
export interface InstantBound {
  readonly kind: 'instant';
  readonly from: string;
  readonly before: string;
}

/** A calendar date `YYYY-MM-DD`, from `from` inclusive to `before` exclusive. */
export interface DateBound {
  readonly kind: 'date';
  readonly from: string;
  readonly before: string;
}

/** One of a closed list of strings (an enum). */
export interface ChoiceBound {
  readonly kind: 'choice';
  readonly values: readonly string[];
}

/** A UUID in its canonical textual form. */
export interface UuidBound {
  readonly kind: 'uuid';
}

/** An IANA time zone name the runtime knows (`Europe/Paris`; offsets such as `+02:00` are not zones). */
export interface TimeZoneBound {
  readonly kind: 'time-zone';
  readonly maxLength: number;
}

export type Bound =
  IntegerBound | TextBound | InstantBound | DateBound | ChoiceBound | UuidBound | TimeZoneBound;

/** A JSON Schema (2020-12 / OpenAPI 3.1) fragment: plain data, serialisable as is. */
export type SchemaFragment = Readonly<Record<string, string | number | readonly string[]>>;
