/**
 * Zone names already accepted. Building an Intl.DateTimeFormat is the costliest step of
 * validating a schedule, and only valid names are kept, so the cache is bounded by the IANA
 * database itself whatever clients send.
 */
const acceptedZones = new Set<string>();

/**
 * True for a time zone name the runtime's IANA database knows. Offsets such as `+02:00` are
 * refused: the product keeps a zone name so that local times follow daylight saving.
 */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || /^[+-]/.test(value)) return false;
  if (acceptedZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    acceptedZones.add(value);
    return true;
  } catch {
    return false;
  }
}
