/**
 * Reads variables from an environment and remembers every problem instead of throwing at the
 * first, so a misconfigured deployment is fixed in one round trip.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** The trimmed value, or undefined when unset or blank (a blank variable means "not set"). */
  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  }

  port(name: string): number | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const port = Number(value);
    if (/^\d+$/.test(value) && port >= 1 && port <= 65535) return port;
    this.problems.push(`${name} must be a port number between 1 and 65535 (got "${value}")`);
    return undefined;
  }

  url(name: string, protocols: readonly string[]): string | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    // Not WHATWG URL parsing: cluster connection strings list several hosts
    // (esdb://a:2113,b:2113,c:2113, postgres://h1,h2/db), which it rejects.
    const protocol = /^([a-z][a-z0-9+.-]*):\/\/\S+$/i.exec(value)?.[1]?.toLowerCase();
    if (protocol !== undefined && protocols.includes(protocol)) return value;
    this.problems.push(`${name} must be a URL with scheme ${protocols.join(' or ')}`);
    return undefined;
  }

  /** A comma-separated list of host:port pairs. */
  hostPortList(name: string): string[] | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const items = value.split(',').map((item) => item.trim());
    const bad = items.filter((item) => !/^[^\s:,]+:\d{1,5}$/.test(item));
    if (bad.length === 0) return items;
    this.problems.push(
      `${name} must be a comma-separated list of host:port (bad: "${bad.join('", "')}")`,
    );
    return undefined;
  }

  require(name: string, why: string): void {
    this.problems.push(`${name} is required ${why}`);
  }
}
