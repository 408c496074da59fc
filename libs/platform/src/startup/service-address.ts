/**
 * Where a connection string points, without scheme, credentials or options: what an operator
 * needs in an error line, and nothing a log must not hold. Not WHATWG URL parsing: cluster
 * connection strings list several hosts.
 */
export function serviceAddress(connectionString: string): string {
  return connectionString
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^[^@/]*@/, '')
    .split('?')[0];
}
