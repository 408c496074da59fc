import { loadProjectorConfig } from './projector-config';

const postgres = {
  EVENT_STORE: 'postgres',
  READ_MODEL_STORE: 'postgres',
  DATABASE_URL: 'postgres://db/app',
};

describe('the projector configuration', () => {
  it('listens on 3001 unless PORT is set, and needs no JWT settings', () => {
    expect(loadProjectorConfig(postgres).port).toBe(3001);
    expect(loadProjectorConfig({ ...postgres, PORT: '4000' }).port).toBe(4000);
    expect(loadProjectorConfig({ ...postgres, METRICS_PORT: '9464' }).metricsPort).toBe(9464);
  });

  it('still refuses what is malformed', () => {
    expect(() => loadProjectorConfig({ ...postgres, DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL/,
    );
  });
});
