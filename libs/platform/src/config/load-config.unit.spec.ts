import { ConfigError } from './config-error';
import { DEV_JWT_SECRET } from './dev-jwt-secret';
import { apiMetricsPort, loadConfig } from './load-config';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the embedded development defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      nodeEnv: 'development',
      eventStore: 'embedded',
      readModelStore: 'embedded',
      relationalDatabase: 'embedded',
      databaseUrl: undefined,
      eventStoreUrl: undefined,
      kafkaBrokers: undefined,
      jwt: {
        key: { kind: 'hs256', secret: DEV_JWT_SECRET, source: 'development-default' },
        issuer: undefined,
        audience: undefined,
        roleClaim: 'role',
        maxTtlSeconds: 86_400,
      },
      host: '127.0.0.1',
      port: 3000,
      http: { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000 },
      metricsPort: undefined,
      dataDir: './data',
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      EVENT_STORE: 'postgres',
      READ_MODEL_STORE: 'postgres',
      DATABASE_URL: 'postgres://u:p@db:5432/app',
      KAFKA_BROKERS: 'k1:9092, k2:9093',
      JWT_SECRET: SECRET,
      JWT_ISSUER: 'https://issuer.example',
      JWT_AUDIENCE: 'sessions-api',
      JWT_ROLE_CLAIM: 'https://sessions.example/role',
      PORT: '8080',
      METRICS_PORT: '9100',
      DATA_DIR: '/var/lib/sessions',
      LOG_LEVEL: 'debug',
      HOST: '0.0.0.0',
      JWT_MAX_TTL: '8h',
      HTTP_REQUEST_TIMEOUT: '45s',
      HTTP_HEADERS_TIMEOUT: '1500ms',
    });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      eventStore: 'postgres',
      readModelStore: 'postgres',
      relationalDatabase: 'postgres',
      databaseUrl: 'postgres://u:p@db:5432/app',
      kafkaBrokers: ['k1:9092', 'k2:9093'],
      jwt: {
        key: { kind: 'hs256', secret: SECRET, source: 'JWT_SECRET' },
        issuer: 'https://issuer.example',
        audience: 'sessions-api',
        roleClaim: 'https://sessions.example/role',
        maxTtlSeconds: 8 * 3600,
      },
      host: '0.0.0.0',
      port: 8080,
      http: { requestTimeoutMs: 45_000, headersTimeoutMs: 1_500 },
      metricsPort: 9100,
      dataDir: '/var/lib/sessions',
      logLevel: 'debug',
    });
  });

  it('treats a blank variable as unset', () => {
    expect(loadConfig({ EVENT_STORE: ' ', PORT: '' })).toMatchObject({
      eventStore: 'embedded',
      port: 3000,
    });
  });

  it('rejects unknown store kinds and log levels', () => {
    expect(
      problemsOf({ EVENT_STORE: 'mongo', READ_MODEL_STORE: 'redis', LOG_LEVEL: 'loud' }),
    ).toEqual([
      'EVENT_STORE must be one of embedded, postgres, eventstoredb (got "mongo")',
      'READ_MODEL_STORE must be one of embedded, postgres (got "redis")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
  });

  it('requires DATABASE_URL when either store is postgres', () => {
    expect(problemsOf({ EVENT_STORE: 'postgres', JWT_SECRET: SECRET })).toEqual([
      'DATABASE_URL is required when EVENT_STORE or READ_MODEL_STORE is postgres',
    ]);
    expect(problemsOf({ READ_MODEL_STORE: 'postgres', JWT_SECRET: SECRET })).toEqual([
      'DATABASE_URL is required when EVENT_STORE or READ_MODEL_STORE is postgres',
    ]);
  });

  it('requires EVENTSTORE_URL for eventstoredb', () => {
    expect(problemsOf({ EVENT_STORE: 'eventstoredb', JWT_SECRET: SECRET })).toEqual([
      'EVENTSTORE_URL is required when EVENT_STORE is eventstoredb',
    ]);
  });

  it('puts idempotency records in PostgreSQL when DATABASE_URL is set beside eventstoredb', () => {
    const base = {
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_URL: 'esdb://es:2113?tls=false',
      JWT_SECRET: SECRET,
    };
    expect(loadConfig(base).relationalDatabase).toBe('embedded');
    expect(loadConfig({ ...base, DATABASE_URL: 'postgresql://db/app' }).relationalDatabase).toBe(
      'postgres',
    );
  });

  it('accepts cluster connection strings that list several hosts', () => {
    const config = loadConfig({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_URL: 'esdb://es1:2113,es2:2113,es3:2113?tls=false',
      DATABASE_URL: 'postgres://db1:5432,db2:5432/app',
      JWT_SECRET: SECRET,
    });
    expect(config.eventStoreUrl).toBe('esdb://es1:2113,es2:2113,es3:2113?tls=false');
    expect(config.databaseUrl).toBe('postgres://db1:5432,db2:5432/app');
  });

  it('checks EVENTSTORE_URL as the EventStoreDB client reads it', () => {
    const base = { EVENT_STORE: 'eventstoredb', JWT_SECRET: SECRET };
    expect(
      loadConfig({ ...base, EVENTSTORE_URL: 'kurrentdb+discover://a:2113,b:2113' }).eventStoreUrl,
    ).toBe('kurrentdb+discover://a:2113,b:2113');
    expect(problemsOf({ ...base, EVENTSTORE_URL: 'ESDB://es:2113' })).toEqual([
      'EVENTSTORE_URL must spell its scheme in lowercase (the client refuses "ESDB://")',
    ]);
    expect(problemsOf({ ...base, EVENTSTORE_URL: 'esdb://es:2113?tlsVerifyCert=false' })).toEqual([
      expect.stringMatching(/^EVENTSTORE_URL option tlsVerifyCert=false is not supported/),
    ]);
    expect(problemsOf({ ...base, EVENTSTORE_URL: 'esdb://u:p@es:2113?tls=false' })).toEqual([
      expect.stringMatching(/^EVENTSTORE_URL has credentials but tls=false/),
    ]);
  });

  it('rejects malformed URLs, ports and broker lists', () => {
    expect(
      problemsOf({
        DATABASE_URL: 'mysql://db',
        EVENTSTORE_URL: 'not a url',
        KAFKA_BROKERS: 'k1:9092,k2',
        JWT_JWKS_URL: 'ftp://keys',
        PORT: '70000',
        METRICS_PORT: 'abc',
      }),
    ).toEqual([
      'DATABASE_URL must be a URL with scheme postgres or postgresql',
      'EVENTSTORE_URL must be a URL with scheme esdb, esdb+discover, kurrentdb, kurrentdb+discover, kurrent, kurrent+discover',
      'KAFKA_BROKERS must be a comma-separated list of host:port (bad: "k2")',
      'JWT_JWKS_URL must be a URL with scheme https or http',
      'PORT must be a port number between 1 and 65535 (got "70000")',
      'METRICS_PORT must be a port number between 1 and 65535 (got "abc")',
    ]);
  });

  it('reports every problem at once, in the error message too', () => {
    const error = (() => {
      try {
        loadConfig({ EVENT_STORE: 'postgres', READ_MODEL_STORE: 'nope', PORT: 'x' });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.problems).toHaveLength(4);
    expect(error.message).toContain('READ_MODEL_STORE');
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).toContain('JWT_SECRET or JWT_JWKS_URL');
    expect(error.message).toContain('PORT');
  });

  describe('JWT keys', () => {
    it('accepts the development default only on the embedded default outside production', () => {
      expect(loadConfig({ NODE_ENV: 'test' }).jwt.key).toEqual({
        kind: 'hs256',
        secret: DEV_JWT_SECRET,
        source: 'development-default',
      });
      const required =
        'JWT_SECRET or JWT_JWKS_URL is required outside the embedded development default (both stores embedded, NODE_ENV not production)';
      expect(problemsOf({ NODE_ENV: 'production' })).toEqual([required]);
      expect(problemsOf({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://db/app' })).toEqual([
        required,
      ]);
      expect(
        problemsOf({ READ_MODEL_STORE: 'postgres', DATABASE_URL: 'postgres://db/app' }),
      ).toEqual([required]);
      expect(problemsOf({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://es:2113' })).toEqual(
        [required],
      );
    });

    it('uses JWT_JWKS_URL in production', () => {
      const config = loadConfig({
        NODE_ENV: 'production',
        JWT_JWKS_URL: 'https://idp.example/jwks.json',
      });
      expect(config.jwt.key).toEqual({ kind: 'jwks', url: 'https://idp.example/jwks.json' });
    });

    it('refuses both a secret and a JWKS URL, and a short secret', () => {
      expect(
        problemsOf({ JWT_SECRET: SECRET, JWT_JWKS_URL: 'https://idp.example/jwks.json' }),
      ).toEqual(['JWT_SECRET and JWT_JWKS_URL are exclusive: set one of them']);
      expect(problemsOf({ JWT_SECRET: 'short' })).toEqual([
        'JWT_SECRET must be at least 32 bytes long for HS256',
      ]);
    });
  });

  describe('security defaults', () => {
    it('refuses the public development secret in production, whatever variable carries it', () => {
      const production = {
        NODE_ENV: 'production',
        EVENT_STORE: 'postgres',
        DATABASE_URL: 'postgres://db/app',
      };
      expect(problemsOf({ ...production, JWT_SECRET: DEV_JWT_SECRET })).toContain(
        'JWT_SECRET holds the public development secret: a production start refuses it (set a secret of your own, 32 bytes or more)',
      );
      expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: ` ${DEV_JWT_SECRET} ` })).toEqual([
        'JWT_SECRET holds the public development secret: a production start refuses it (set a secret of your own, 32 bytes or more)',
      ]);
      expect(
        problemsOf({ ...production, JWT_SECRET: SECRET, SESSIONS_SIGNING_KEY: DEV_JWT_SECRET }),
      ).toEqual([
        'SESSIONS_SIGNING_KEY holds the public development secret: a production start refuses it (set a secret of your own, 32 bytes or more)',
      ]);
    });

    it('treats the public secret set explicitly like the default: embedded and local only', () => {
      expect(loadConfig({ JWT_SECRET: DEV_JWT_SECRET }).jwt.key).toEqual({
        kind: 'hs256',
        secret: DEV_JWT_SECRET,
        source: 'development-default',
      });
      expect(
        problemsOf({
          EVENT_STORE: 'postgres',
          DATABASE_URL: 'postgres://db/app',
          JWT_SECRET: DEV_JWT_SECRET,
        }),
      ).toEqual([
        'JWT_SECRET is the public development secret: it is accepted only on the embedded default outside NODE_ENV=production',
      ]);
    });

    it('listens on 127.0.0.1 by default, and on HOST when a real secret is set', () => {
      expect(loadConfig({}).host).toBe('127.0.0.1');
      expect(loadConfig({ JWT_SECRET: SECRET }).host).toBe('127.0.0.1');
      expect(loadConfig({ JWT_SECRET: SECRET, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
      expect(loadConfig({ JWT_JWKS_URL: 'https://idp.example/jwks.json', HOST: '::' }).host).toBe(
        '::',
      );
      expect(loadConfig({ HOST: 'localhost' }).host).toBe('localhost');
      expect(loadConfig({ HOST: '127.0.0.2' }).host).toBe('127.0.0.2');
    });

    it('refuses a non-loopback HOST with the public development secret', () => {
      expect(problemsOf({ HOST: '0.0.0.0' })).toEqual([
        'HOST=0.0.0.0 would expose an API that trusts the public development secret (anyone could mint an admin token): set JWT_SECRET or JWT_JWKS_URL, or leave HOST unset',
      ]);
      expect(problemsOf({ HOST: '0.0.0.0', JWT_SECRET: DEV_JWT_SECRET })).toHaveLength(1);
      expect(problemsOf({ JWT_SECRET: SECRET, HOST: 'a host' })).toEqual([
        'HOST must be a host name or an IP address (got "a host")',
      ]);
    });

    it('serves the API metrics on 9464 in production unless METRICS_PORT says otherwise', () => {
      const production = { NODE_ENV: 'production', JWT_SECRET: SECRET };
      expect(apiMetricsPort(loadConfig(production))).toBe(9464);
      expect(apiMetricsPort(loadConfig({ ...production, METRICS_PORT: '9100' }))).toBe(9100);
      expect(apiMetricsPort(loadConfig({}))).toBeUndefined();
      expect(apiMetricsPort(loadConfig({ METRICS_PORT: '9100' }))).toBe(9100);
    });

    it('reads JWT_MAX_TTL and the HTTP timeouts as durations', () => {
      expect(loadConfig({ JWT_MAX_TTL: '90m' }).jwt.maxTtlSeconds).toBe(5400);
      expect(loadConfig({ JWT_MAX_TTL: '3600' }).jwt.maxTtlSeconds).toBe(3600);
      expect(loadConfig({ HTTP_REQUEST_TIMEOUT: '1s' }).http).toEqual({
        requestTimeoutMs: 1000,
        headersTimeoutMs: 1000,
      });
      expect(problemsOf({ JWT_MAX_TTL: 'forever', HTTP_REQUEST_TIMEOUT: '0s' })).toEqual([
        'JWT_MAX_TTL must be a duration such as 30s, 1500ms, 10m or 24h (got "forever")',
        'HTTP_REQUEST_TIMEOUT must be a duration such as 30s, 1500ms, 10m or 24h (got "0s")',
      ]);
      expect(problemsOf({ HTTP_REQUEST_TIMEOUT: '5s', HTTP_HEADERS_TIMEOUT: '6s' })).toEqual([
        'HTTP_HEADERS_TIMEOUT must not be longer than HTTP_REQUEST_TIMEOUT',
      ]);
    });
  });
});
