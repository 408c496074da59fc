/**
 * Control characters (Unicode general category Cc): C0 (U+0000 to U+001F), DEL (U+007F) and C1
 * (U+0080 to U+009F). None belongs in an id or a name; PostgreSQL refuses NUL outright.
 */
const CONTROL_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
];

export function isControlCharacter(codePoint: number): boolean {
  return CONTROL_RANGES.some(([first, last]) => codePoint >= first && codePoint <= last);
}

export function isLoneSurrogate(codePoint: number): boolean {
  // Iterating a string by code points yields a surrogate only when it has no partner.
  return codePoint >= 0xd800 && codePoint <= 0xdfff;
}

const hex = (codePoint: number): string => `\\x${codePoint.toString(16).padStart(2, '0')}`;

/**
 * The regular-expression class body of the control characters not in `allowed`, e.g.
 * `\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f` for the note (tab, LF and CR allowed).
 */
export function forbiddenControlsClass(allowed: readonly string[]): string {
  const allowedPoints = new Set(allowed.map((character) => character.codePointAt(0)));
  const parts: string[] = [];
  for (const [first, last] of CONTROL_RANGES) {
    let start: number | undefined;
    for (let point = first; point <= last + 1; point += 1) {
      const forbidden = point <= last && !allowedPoints.has(point);
      if (forbidden && start === undefined) start = point;
      if (!forbidden && start !== undefined) {
        const end = point - 1;
        parts.push(start === end ? hex(start) : `${hex(start)}-${hex(end)}`);
        start = undefined;
      }
    }
  }
  return parts.join('');
}

/** `U+0000` for a message. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
