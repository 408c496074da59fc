/** `{a: {b: 1}, c: [2]}` → `[['a.b', 1], ['c', '[2]']]`: a state as key/value rows for a table. */
export function flatten(
  value: unknown,
  prefix = '',
): Array<[string, string | number | boolean | null]> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
      flatten(inner, prefix === '' ? key : `${prefix}.${key}`),
    );
  }
  if (Array.isArray(value)) return [[prefix, JSON.stringify(value)]];
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    return [[prefix, value]];
  }
  // undefined, functions, symbols, bigints: nothing a state of ours holds; shown as JSON would.
  return [[prefix, typeof value === 'bigint' ? value.toString() : null]];
}
