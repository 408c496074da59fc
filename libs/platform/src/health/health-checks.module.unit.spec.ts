import { consumerStatus, setAsideSession } from '@app/consumers/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ErrorsModule } from '../errors/errors.module';
import { HealthChecksModule } from './health-checks.module';
import type { Readiness } from './readiness-check';
import { consumerChecks, eventStoreReachable, reachable } from './standard-checks';

async function appWith(checks: readonly Readiness[]): Promise<NestFastifyApplication> {
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

const up = () => Promise.resolve();
const failing = (message: string) => () => Promise.reject(new Error(message));

describe('HealthChecksModule', () => {
  let app: NestFastifyApplication;
  afterEach(async () => app.close());

  it('answers live without asking anything, and ready 200 ok with each check’s state', async () => {
    app = await appWith([
      eventStoreReachable(() => Promise.resolve('42')),
      reachable('database', up, 'down'),
      consumerChecks(
        () => ['calendar'],
        () => Promise.resolve([consumerStatus({ lagEvents: 3 })]),
      ),
    ]);
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ok',
      checks: {
        eventStore: { state: 'up', headPosition: '42' },
        database: { state: 'up' },
        'consumer:calendar': {
          state: 'up',
          kind: 'projection',
          consumerState: 'running',
          position: '1042',
          lagEvents: 3,
          lagSeconds: 0,
          setAside: [],
          lastError: null,
        },
      },
    });
  });

  it('answers 503 exactly when a check is down, with the same JSON naming it (not a generic problem)', async () => {
    app = await appWith([
      eventStoreReachable(failing('connection refused')),
      reachable('readModels', failing('read models away'), 'degraded'),
    ]);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['content-type']).toContain('application/json');
    expect(ready.json()).toEqual({
      status: 'down',
      checks: {
        eventStore: { state: 'down', reason: 'connection refused' },
        readModels: { state: 'degraded', reason: 'read models away' },
      },
    });
  });

  it('stays 200 when degraded, naming the consumer and why', async () => {
    app = await appWith([
      reachable('readModels', failing('read models away'), 'degraded'),
      consumerChecks(
        () => ['calendar', 'kafka-publisher'],
        () =>
          Promise.resolve([
            consumerStatus({ setAside: [setAsideSession('s-1')] }),
            consumerStatus({
              name: 'kafka-publisher',
              kind: 'publisher',
              state: 'retrying',
              lastError: 'Kafka unavailable: connect ECONNREFUSED 127.0.0.1:9',
            }),
          ]),
      ),
    ]);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'degraded',
      checks: {
        readModels: { state: 'degraded' },
        'consumer:calendar': {
          state: 'degraded',
          reason: '1 session(s) set aside: s-1',
          setAside: ['s-1'],
        },
        'consumer:kafka-publisher': {
          state: 'degraded',
          reason: 'failing, retrying: Kafka unavailable: connect ECONNREFUSED 127.0.0.1:9',
        },
      },
    });
  });

  it('counts a standby replica as up, and bounds a hanging check by its timeout', async () => {
    app = await appWith([
      eventStoreReachable(() => new Promise<string>(() => undefined), 20),
      consumerChecks(
        () => ['calendar'],
        () => Promise.resolve([consumerStatus({ state: 'standby' })]),
      ),
    ]);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      status: 'down',
      checks: {
        eventStore: { state: 'down', reason: 'eventStore did not answer within 20 ms' },
        'consumer:calendar': { state: 'standby' },
      },
    });
    await app.close();
    app = await appWith([
      consumerChecks(
        () => ['calendar'],
        () => Promise.resolve([consumerStatus({ state: 'standby' })]),
      ),
    ]);
    const standby = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(standby.statusCode).toBe(200);
    expect(standby.json()).toMatchObject({ status: 'ok' });
  });

  it('lists every consumer as degraded when their statuses cannot be read', async () => {
    app = await appWith([
      consumerChecks(() => ['calendar', 'reporting'], failing('database unreachable')),
    ]);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'degraded',
      checks: {
        'consumer:calendar': { state: 'degraded', reason: 'database unreachable' },
        'consumer:reporting': { state: 'degraded', reason: 'database unreachable' },
      },
    });
  });
});
