import { loadProjectorConfig } from './projector-config';
import { ProjectionCounters } from './projection-counters';
import type { ProjectionDefinition } from '@app/read-models';

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

describe('projection counters', () => {
  it('count each batch an instrumented projection applies, and failures', async () => {
    const counters = new ProjectionCounters();
    const definition: ProjectionDefinition = {
      name: 'calendar',
      tables: [],
      createTables: () => [],
      apply: () => Promise.resolve(),
      skipsDeletedSessions: true,
    };
    const instrumented = counters.instrument(definition);
    const names = (base: string) => base;
    const tx = { query: () => Promise.resolve([]) };
    await instrumented.apply(tx, [], names);
    await instrumented.apply(tx, new Array(3).fill({}), names);
    counters.failed('calendar');
    expect(counters.of('calendar')).toEqual({ lastBatchEvents: 3, eventsTotal: 3, errorsTotal: 1 });
    expect(counters.of('reporting')).toEqual({ eventsTotal: 0, errorsTotal: 0 });
  });
});
