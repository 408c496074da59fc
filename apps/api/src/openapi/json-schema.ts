/**
 * A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as plain data. @nestjs/swagger types its
 * schemas for OpenAPI 3.0 (`nullable`, boolean `exclusiveMaximum`, no `const`), so the document's
 * own schemas are written in this type and only referenced (`$ref`) from the decorators.
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** A named schema of the document's `components.schemas`, and the reference to it. */
export interface Component {
  readonly name: string;
  readonly schema: JsonSchema;
  readonly ref: { readonly $ref: string };
}

export function component(name: string, schema: JsonSchema): Component {
  return { name, schema, ref: { $ref: `#/components/schemas/${name}` } };
}

/** `type` plus `null`: how OpenAPI 3.1 says "may be null" (3.0's `nullable` is gone). */
export const orNull = (schema: JsonSchema): JsonSchema => ({
  anyOf: [schema, { type: 'null' }],
});

/** An object whose properties are all listed: an unknown one is not part of the contract. */
export function closedObject(
  properties: Record<string, JsonSchema>,
  required: readonly string[],
  extra: JsonSchema = {},
): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false, ...extra };
}
