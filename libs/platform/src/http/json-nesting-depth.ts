/**
 * How deeply a JSON text nests its arrays and objects, counted without parsing it (brackets
 * inside strings do not count), stopping as soon as `limit` is passed: a linear scan, so a body of
 * thousands of `[` costs nothing and nothing recursive ever walks it.
 */
export function exceedsNestingDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c /* \ */) index += 1;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      depth -= 1;
    }
  }
  return false;
}
