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
    },
    port,
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
