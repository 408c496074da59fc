/**
 * True for a time zone name the runtime's IANA database knows. Offsets such as `+02:00` are
 * refused: the product keeps a zone name so that local times follow daylight saving.
 */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || /^[+-]/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
