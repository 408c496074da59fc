const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Schema and table names end up inside SQL text (DDL and function bodies cannot take
 * parameters), so only plain lower-case identifiers are accepted; quoting then cannot be escaped.
 * Every library's schema names pass here.
 */
export function assertSchemaName(schema: string): string {
  if (!SAFE_IDENTIFIER.test(schema)) {
    throw new RangeError(
      `Invalid SQL schema or table name "${schema}": use lower-case letters, digits and _ (max 63)`,
    );
  }
  return schema;
}

export function quoteIdentifier(identifier: string): string {
  return `"${assertSchemaName(identifier)}"`;
}

/** The LISTEN/NOTIFY channel a schema's appends announce themselves on. */
export function notificationChannel(schema: string): string {
  return `${assertSchemaName(schema)}_events`;
}
