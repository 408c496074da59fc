export type EventStoreKind = 'embedded' | 'postgres' | 'eventstoredb';
export type ReadModelStoreKind = 'embedded' | 'postgres';
export type RelationalDatabaseKind = 'embedded' | 'postgres';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * How bearer tokens are verified. `hs256` carries where its secret came from so the start-up log
 * can say loudly that the development default is in use.
 */
export type JwtKeyConfig =
  | { kind: 'hs256'; secret: string; source: 'JWT_SECRET' | 'development-default' }
  | { kind: 'jwks'; url: string };

export interface JwtConfig {
  key: JwtKeyConfig;
  issuer?: string;
  audience?: string;
  /** Name of the claim that holds the caller's role (JWT_ROLE_CLAIM). */
  roleClaim: string;
  /**
   * The longest lifetime a token may have, in seconds (JWT_MAX_TTL; loadConfig always sets it,
   * 24 h by default); `exp` is required whatever it is.
   */
  maxTtlSeconds?: number;
}

/** How long the HTTP server waits for what a client sends; a request too slow gets a 408. */
export interface HttpTimeouts {
  /** The whole request, headers and body (HTTP_REQUEST_TIMEOUT). */
  requestTimeoutMs: number;
  /** The request line and headers (HTTP_HEADERS_TIMEOUT), at most the request timeout. */
  headersTimeoutMs: number;
}

/** The one configuration object of a process, validated once at start (see loadConfig). */
export interface AppConfig {
  nodeEnv: string;
  eventStore: EventStoreKind;
  readModelStore: ReadModelStoreKind;
  /**
   * Where idempotency records live: PostgreSQL when the read models are there or DATABASE_URL is
   * set, else the embedded database (also beside EventStoreDB).
   */
  relationalDatabase: RelationalDatabaseKind;
  databaseUrl?: string;
  eventStoreUrl?: string;
  /** Absent: the Kafka publisher is off. */
  kafkaBrokers?: readonly string[];
  jwt: JwtConfig;
  /**
   * The address the API listens on (HOST). 127.0.0.1 by default; with the public development
   * secret only a loopback address is accepted.
   */
  host: string;
  port: number;
  http: HttpTimeouts;
  metricsPort?: number;
  dataDir: string;
  logLevel: LogLevel;
}
