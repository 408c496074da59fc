import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ErrorsModule } from '../errors/errors.module';
import { HealthChecksModule } from './health-checks.module';
import type { ReadinessCheck } from './readiness-check';
import { eventStoreReachable, type LagReport, lagUnder } from './standard-checks';

async function appWith(checks: readonly ReadinessCheck[]): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    // The platform's problem filter is on, as in the apps: readiness must still answer its JSON.
    imports: [ErrorsModule, HealthChecksModule.forRoot(checks)],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const projections =
  (lag: number, state = 'running'): (() => Promise<LagReport[]>) =>
  () =>
    Promise.resolve([
      { name: 'calendar', state, position: '10', lagEvents: lag, lagSeconds: lag / 10 },
    ]);

describe('HealthChecksModule', () => {
  let app: NestFastifyApplication;
  afterEach(async () => app.close());

  it('answers live without asking anything, and ready 200 with each check’s details', async () => {
    app = await appWith([
      eventStoreReachable(() => Promise.resolve('42')),
      lagUnder('projections', projections(3)),
    ]);
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ok',
      details: {
        eventStore: { status: 'up', headPosition: '42' },
        projections: { status: 'up', consumers: [{ name: 'calendar', lagEvents: 3 }] },
      },
    });
  });

  it('answers ready 503 with the same JSON (not a generic problem) when a check is down', async () => {
    app = await appWith([
      eventStoreReachable(() => Promise.reject(new Error('connection refused'))),
      lagUnder('projections', projections(50_000)),
    ]);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['content-type']).toContain('application/json');
    expect(ready.json()).toMatchObject({
      status: 'error',
      error: {
        eventStore: { status: 'down', message: 'connection refused' },
        projections: { status: 'down', behind: ['calendar'] },
      },
    });
  });

  it('bounds a hanging check by its timeout, and does not judge a standby replica', async () => {
    app = await appWith([
      eventStoreReachable(() => new Promise<string>(() => undefined), 20),
      lagUnder('projections', projections(50_000, 'standby')),
    ]);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      error: { eventStore: { message: 'eventStore did not answer within 20 ms' } },
      info: { projections: { status: 'up' } },
    });
  });
});
