import type {
  AppConfig,
  EventStoreKind,
  JwtKeyConfig,
  LogLevel,
  ReadModelStoreKind,
} from './app-config';
import { ConfigError } from './config-error';
import { DEV_JWT_SECRET } from './dev-jwt-secret';
import { EnvReader } from './env-reader';
import { readEventStoreUrl } from './eventstore-url';

const EVENT_STORES: readonly EventStoreKind[] = ['embedded', 'postgres', 'eventstoredb'];
const READ_MODEL_STORES: readonly ReadModelStoreKind[] = ['embedded', 'postgres'];
const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];
/** HS256 needs a key at least as long as its hash (RFC 7518 §3.2): 32 bytes. */
const MIN_SECRET_BYTES = 32;
/** JWT_MAX_TTL's default: a working day and then some, never a token that lives for ever. */
export const DEFAULT_JWT_MAX_TTL_SECONDS = 24 * 3600;
/** A body (with its headers) not received within this is answered 408 (HTTP_REQUEST_TIMEOUT). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Headers not received within this are answered 408 (HTTP_HEADERS_TIMEOUT). */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_HOST = '127.0.0.1';
/** Where a production API serves /metrics when METRICS_PORT is not set (Prometheus' exporter range). */
export const DEFAULT_PRODUCTION_METRICS_PORT = 9464;

/**
 * The port the API serves /metrics on, if not its own: METRICS_PORT, else 9464 in production
 * (the metrics show the runtime's versions and the traffic, which a client has no business
 * reading), else none (/metrics on the API's port, for development).
 */
export function apiMetricsPort(config: AppConfig): number | undefined {
  if (config.metricsPort !== undefined) return config.metricsPort;
  return config.nodeEnv === 'production' ? DEFAULT_PRODUCTION_METRICS_PORT : undefined;
}

/** JWT_MAX_TTL of an environment in seconds (what a token minted for this server may last at most). */
export function jwtMaxTtlSeconds(env: Readonly<Record<string, string | undefined>>): number {
  const read = new EnvReader(env);
  const ms = read.duration('JWT_MAX_TTL', DEFAULT_JWT_MAX_TTL_SECONDS * 1000);
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return Math.max(1, Math.floor(ms / 1000));
}

/** Addresses only this machine reaches: the one place a public secret may listen. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Builds the configuration from the environment, or throws a ConfigError naming every bad
 * variable. Called once at start; everything else receives the result by injection.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.optional('NODE_ENV') ?? 'development';
  const eventStore = read.oneOf('EVENT_STORE', EVENT_STORES, 'embedded');
  const readModelStore = read.oneOf('READ_MODEL_STORE', READ_MODEL_STORES, 'embedded');
  const databaseUrl = read.url('DATABASE_URL', ['postgres', 'postgresql']);
  const eventStoreUrl = readEventStoreUrl(read);
  const kafkaBrokers = read.hostPortList('KAFKA_BROKERS');

  const needsPostgres = eventStore === 'postgres' || readModelStore === 'postgres';
  if (needsPostgres && read.optional('DATABASE_URL') === undefined) {
    read.require('DATABASE_URL', 'when EVENT_STORE or READ_MODEL_STORE is postgres');
  }
  if (eventStore === 'eventstoredb' && read.optional('EVENTSTORE_URL') === undefined) {
    read.require('EVENTSTORE_URL', 'when EVENT_STORE is eventstoredb');
  }

  const embeddedDefault = eventStore === 'embedded' && readModelStore === 'embedded';
  const key = jwtKey(read, { nodeEnv, embeddedDefault });
  refuseThePublicSecretInProduction(env, nodeEnv, read);
  const host = read.host('HOST', DEFAULT_HOST);
  if (key.kind === 'hs256' && key.source === 'development-default' && !isLoopback(host)) {
    read.problems.push(
      `HOST=${host} would expose an API that trusts the public development secret (anyone could mint an admin token): set JWT_SECRET or JWT_JWKS_URL, or leave HOST unset`,
    );
  }
  const maxTtlMs = read.duration('JWT_MAX_TTL', DEFAULT_JWT_MAX_TTL_SECONDS * 1000);
  const requestTimeoutMs = read.duration('HTTP_REQUEST_TIMEOUT', DEFAULT_REQUEST_TIMEOUT_MS);
  const headersTimeoutMs = read.duration(
    'HTTP_HEADERS_TIMEOUT',
    Math.min(DEFAULT_HEADERS_TIMEOUT_MS, requestTimeoutMs),
  );
  if (headersTimeoutMs > requestTimeoutMs) {
    read.problems.push('HTTP_HEADERS_TIMEOUT must not be longer than HTTP_REQUEST_TIMEOUT');
  }
  const port = read.port('PORT') ?? 3000;
  const metricsPort = read.port('METRICS_PORT');
  const logLevel = read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info');

  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return {
    nodeEnv,
    eventStore,
    readModelStore,
    relationalDatabase:
      readModelStore === 'postgres' || databaseUrl !== undefined ? 'postgres' : 'embedded',
    databaseUrl,
    eventStoreUrl,
    kafkaBrokers,
    jwt: {
      key,
      issuer: read.optional('JWT_ISSUER'),
      audience: read.optional('JWT_AUDIENCE'),
      roleClaim: read.optional('JWT_ROLE_CLAIM') ?? 'role',
      maxTtlSeconds: Math.max(1, Math.floor(maxTtlMs / 1000)),
    },
    host,
    port,
    http: { requestTimeoutMs, headersTimeoutMs },
    metricsPort,
    dataDir: read.optional('DATA_DIR') ?? './data',
    logLevel,
  };
}

function jwtKey(
  read: EnvReader,
  context: { nodeEnv: string; embeddedDefault: boolean },
): JwtKeyConfig {
  const secret = read.optional('JWT_SECRET');
  const jwksUrl = read.url('JWT_JWKS_URL', ['https', 'http']);
  if (secret !== undefined && read.optional('JWT_JWKS_URL') !== undefined) {
    read.problems.push('JWT_SECRET and JWT_JWKS_URL are exclusive: set one of them');
  }
  if (secret === DEV_JWT_SECRET) {
    // Set explicitly, the public secret is still the public secret: the same rule as unset.
    if (!context.embeddedDefault) {
      read.problems.push(
        'JWT_SECRET is the public development secret: it is accepted only on the embedded default outside NODE_ENV=production',
      );
    }
    return { kind: 'hs256', secret, source: 'development-default' };
  }
  if (secret !== undefined) {
    if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
      read.problems.push(`JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes long for HS256`);
    }
    return { kind: 'hs256', secret, source: 'JWT_SECRET' };
  }
  if (jwksUrl !== undefined) return { kind: 'jwks', url: jwksUrl };
  if (read.optional('JWT_JWKS_URL') === undefined) {
    // The development default is public: only a local, embedded, non-production run may use it.
    if (!context.embeddedDefault || context.nodeEnv === 'production') {
      read.require(
        'JWT_SECRET or JWT_JWKS_URL',
        'outside the embedded development default (both stores embedded, NODE_ENV not production)',
      );
    }
  }
  return { kind: 'hs256', secret: DEV_JWT_SECRET, source: 'development-default' };
}

/**
 * A production start refuses the public development secret whatever variable carries it
 * (JWT_SECRET, or one a wrapper script passes along), so a copied development setting can never
 * let anyone mint an admin token for a production API.
 */
function refuseThePublicSecretInProduction(
  env: Readonly<Record<string, string | undefined>>,
  nodeEnv: string,
  read: EnvReader,
): void {
  if (nodeEnv !== 'production') return;
  for (const [name, value] of Object.entries(env)) {
    if (value?.trim() === DEV_JWT_SECRET) {
      read.problems.push(
        `${name} holds the public development secret: a production start refuses it (set a secret of your own, 32 bytes or more)`,
      );
    }
  }
}
