import canonicalize from 'canonicalize';

/** RFC 8785 (JSON Canonicalization Scheme): the one serialisation every hash of the audit uses. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value is not JSON');
  return text;
}
