/** Cells as printed; null and undefined print as `-`. */
export type Cell = string | number | boolean | null | undefined;

const text = (cell: Cell): string => (cell === null || cell === undefined ? '-' : String(cell));

/** A number as a cell shows it: `1000`, `1,000`, `-3`, `0.5`. */
const NUMBER = /^-?\d{1,3}(,?\d{3})*(\.\d+)?$/;

/**
 * A plain-text table: a header, a rule, one line per row; a column of numbers (or of numbers
 * already formatted, such as `1,000`) aligned right.
 */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
): string {
  const cells = rows.map((row) => row.map(text));
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...cells.map((row) => (row[i] ?? '').length)),
  );
  const line = (values: readonly string[], numeric: readonly boolean[]) =>
    values
      .map((value, i) => (numeric[i] ? value.padStart(widths[i]) : value.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const numeric = headers.map(
    (_, i) => cells.length > 0 && cells.every((row) => NUMBER.test(row[i] ?? '')),
  );
  return [
    line(headers, numeric),
    line(
      widths.map((w) => '-'.repeat(w)),
      numeric,
    ),
    ...cells.map((row) => line(row, numeric)),
  ].join('\n');
}
