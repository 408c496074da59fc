const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema and table names are interpolated into SQL, so only plain lower-case identifiers pass. */
export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new Error(`Not a plain SQL identifier: ${JSON.stringify(name)}`);
  }
  return name;
}
