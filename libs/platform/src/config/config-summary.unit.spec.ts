import { configSummary } from './config-summary';
import { DEV_JWT_SECRET } from './dev-jwt-secret';
import { loadConfig } from './load-config';

describe('configSummary', () => {
  it('warns about the development secret and a disabled publisher, and shows no secret', () => {
    const summary = configSummary(loadConfig({}));
    expect(summary.warnings).toEqual([
      'JWT_SECRET is not set: tokens are verified with the public development secret (listening on loopback only)',
      'KAFKA_BROKERS is not set: the Kafka publisher is off',
    ]);
    expect(JSON.stringify(summary)).not.toContain(DEV_JWT_SECRET);
  });

  it('says that DATABASE_URL is not used on the embedded stores', () => {
    const summary = configSummary(loadConfig({ DATABASE_URL: 'postgres://127.0.0.1:1/x' }));
    expect(summary.warnings).toContain(
      'DATABASE_URL is set but not used: EVENT_STORE and READ_MODEL_STORE are embedded (set one to postgres to use it)',
    );
    const used = configSummary(
      loadConfig({
        READ_MODEL_STORE: 'postgres',
        DATABASE_URL: 'postgres://db/x',
        JWT_SECRET: 'x'.repeat(32),
      }),
    );
    expect(used.warnings.filter((w) => w.startsWith('DATABASE_URL'))).toEqual([]);
  });

  it('masks passwords in URLs and never shows JWT_SECRET', () => {
    const secret = 'a-production-secret-that-is-long-enough';
    const summary = configSummary(
      loadConfig({
        EVENT_STORE: 'postgres',
        DATABASE_URL: 'postgres://app:hunter2@db:5432/sessions',
        KAFKA_BROKERS: 'k:9092',
        JWT_SECRET: secret,
      }),
    );
    expect(summary.warnings).toEqual([]);
    expect(summary.settings.databaseUrl).toBe('postgres://app:***@db:5432/sessions');
    expect(JSON.stringify(summary)).not.toContain('hunter2');
    expect(JSON.stringify(summary)).not.toContain(secret);
  });
});
