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

  /**
   * A duration in milliseconds: `30s`, `1500ms`, `10m`, `24h`, `2d`, or a bare number of seconds.
   * At least one millisecond: a zero would mean "no limit" to Node, which is never what is meant.
   */
  duration(name: string, fallbackMs: number): number {
    const value = this.optional(name);
    if (value === undefined) return fallbackMs;
    const match = /^(\d{1,12})(ms|s|m|h|d)?$/.exec(value);
    const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
    const ms = match ? Number(match[1]) * unit[(match[2] ?? 's') as keyof typeof unit] : 0;
    if (ms >= 1 && Number.isSafeInteger(ms)) return ms;
    this.problems.push(
      `${name} must be a duration such as 30s, 1500ms, 10m or 24h (got "${value}")`,
    );
    return fallbackMs;
  }

  /** A host name or an IP address to listen on. */
  host(name: string, fallback: string): string {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    if (/^[A-Za-z0-9._:%-]{1,253}$/.test(value)) return value;
    this.problems.push(`${name} must be a host name or an IP address (got "${value}")`);
    return fallback;
  }

  require(name: string, why: string): void {
    this.problems.push(`${name} is required ${why}`);
  }
}
