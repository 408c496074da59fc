import type { AppConfig } from '@app/platform';
import { openProjectorStores, ProjectorConfigurationError } from './projector-stores';

const config = (overrides: Partial<AppConfig>): AppConfig => ({
  nodeEnv: 'test',
  eventStore: 'postgres',
  readModelStore: 'postgres',
  relationalDatabase: 'postgres',
  databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
  jwt: { key: { kind: 'hs256', secret: 'x', source: 'JWT_SECRET' }, roleClaim: 'role' },
  host: '127.0.0.1',
  port: 3000,
  http: { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000 },
  dataDir: '.tmp',
  logLevel: 'silent',
  ...overrides,
});

describe('the projector process configuration', () => {
  it('refuses the embedded store, which the API process owns and projects itself', async () => {
    await expect(openProjectorStores(config({ readModelStore: 'embedded' }))).rejects.toThrow(
      ProjectorConfigurationError,
    );
    await expect(openProjectorStores(config({ eventStore: 'embedded' }))).rejects.toThrow(
      /EVENT_STORE=postgres/,
    );
    await expect(openProjectorStores(config({ databaseUrl: undefined }))).rejects.toThrow(
      /DATABASE_URL/,
    );
  });
});
