import type { AppConfig } from './app-config';

/**
 * What a process logs about its configuration at start: every choice that changes behaviour,
 * never a secret (passwords in URLs are masked), and a warning for each choice an operator
 * should notice (development secret, Kafka publisher off, a DATABASE_URL nothing reads).
 */
export function configSummary(config: AppConfig): {
  settings: Record<string, unknown>;
  warnings: string[];
} {
  const warnings: string[] = [];
  if (config.jwt.key.kind === 'hs256' && config.jwt.key.source === 'development-default') {
    warnings.push(
      'JWT_SECRET is not set: tokens are verified with the public development secret (listening on loopback only)',
    );
  }
  if (config.kafkaBrokers === undefined)
    warnings.push('KAFKA_BROKERS is not set: the Kafka publisher is off');
  // Only EventStoreDB or a postgres store reads DATABASE_URL: said, so that a URL set (or
  // mistyped) for the embedded default is not taken for a database in use.
  if (
    config.databaseUrl !== undefined &&
    config.eventStore === 'embedded' &&
    config.readModelStore === 'embedded'
  ) {
    warnings.push(
      'DATABASE_URL is set but not used: EVENT_STORE and READ_MODEL_STORE are embedded (set one to postgres to use it)',
    );
  }
  return {
    settings: {
      nodeEnv: config.nodeEnv,
      eventStore: config.eventStore,
      readModelStore: config.readModelStore,
      relationalDatabase: config.relationalDatabase,
      databaseUrl: maskPassword(config.databaseUrl),
      eventStoreUrl: maskPassword(config.eventStoreUrl),
      kafkaBrokers: config.kafkaBrokers,
      jwt: {
        key:
          config.jwt.key.kind === 'jwks'
            ? { kind: 'jwks', url: config.jwt.key.url }
            : { kind: 'hs256', source: config.jwt.key.source },
        issuer: config.jwt.issuer,
        audience: config.jwt.audience,
        roleClaim: config.jwt.roleClaim,
        maxTtlSeconds: config.jwt.maxTtlSeconds,
      },
      host: config.host,
      port: config.port,
      http: config.http,
      metricsPort: config.metricsPort,
      dataDir: config.dataDir,
      logLevel: config.logLevel,
    },
    warnings,
  };
}

function maskPassword(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[unparseable]';
  }
}
