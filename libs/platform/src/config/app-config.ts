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
  port: number;
  metricsPort?: number;
  dataDir: string;
  logLevel: LogLevel;
}
