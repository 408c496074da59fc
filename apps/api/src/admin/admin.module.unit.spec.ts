import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  AuthModule,
  ConfigModule,
  ErrorsModule,
  IdsModule,
  loadConfig,
  SequentialIdGenerator,
  signDevToken,
  type Role,
} from '@app/platform';
import type { ConsumerStatus, RetryReport } from '@app/consumers';
import { consumerStatus, setAsideSession } from '@app/consumers/testing';
import { RebuildInProgressError } from '@app/read-models';
import { AdminModule } from './admin.module';
import type { ProjectionAdmin, RebuildOutcome, RebuildProgressView } from './projection-admin';

const SECRET = 'an-admin-test-secret-long-enough-for-hs256';

/** A fake read side whose rebuilds finish when the test says so. */
class FakeAdmin implements ProjectionAdmin {
  readonly finishers = new Map<
    string,
    {
      progress: (p: RebuildProgressView) => void;
      done: (r: RebuildOutcome) => void;
      fail: (e: Error) => void;
    }
  >();

  readonly retries: Array<[string, string | undefined]> = [];

  status(): Promise<readonly ConsumerStatus[]> {
    return Promise.resolve([
      consumerStatus({ position: '120', lagEvents: 3, setAside: [setAsideSession('s-1')] }),
      consumerStatus({ name: 'kafka-publisher', kind: 'publisher', position: '118', lagEvents: 5 }),
    ]);
  }

  consumers(): readonly string[] {
    return ['calendar', 'reporting', 'kafka-publisher'];
  }

  retry(name: string, sessionId: string | undefined): Promise<RetryReport> {
    this.retries.push([name, sessionId]);
    const requested = sessionId === undefined || sessionId === 's-1' ? ['s-1'] : [];
    return Promise.resolve({
      consumer: name,
      requested,
      cleared: requested,
      failed: [],
      pending: [],
    });
  }

  projections(): readonly string[] {
    return ['calendar', 'reporting'];
  }

  rebuild(name: string, onProgress: (p: RebuildProgressView) => void): Promise<RebuildOutcome> {
    return new Promise((done, fail) =>
      this.finishers.set(name, { progress: onProgress, done, fail }),
    );
  }
}

describe('AdminModule', () => {
  let app: NestFastifyApplication;
  let admin: FakeAdmin;
  const token = (role: Role) => signDevToken({ sub: `${role}-1`, role }, SECRET);
  const call = async (
    method: 'GET' | 'POST',
    url: string,
    role: Role | null = 'admin',
    body?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers: {
        ...(role ? { authorization: `Bearer ${await token(role)}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

  beforeEach(async () => {
    admin = new FakeAdmin();
    const config = loadConfig({ JWT_SECRET: SECRET });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forConfig(config),
        IdsModule.forRoot(new SequentialIdGenerator()),
        ErrorsModule,
        AuthModule,
        AdminModule.forRoot({ useFactory: () => admin }),
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
      logger: false,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterEach(async () => app.close());

  it('is for admins only', async () => {
    expect((await call('GET', '/api/v1/admin/projections', null)).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/admin/projections', 'auditor')).statusCode).toBe(403);
    expect(
      (await call('POST', '/api/v1/admin/projections/calendar/rebuild', 'professional')).statusCode,
    ).toBe(403);
    expect(admin.finishers.size).toBe(0);
  });

  it('shows every projection and the publisher, naming set-aside sessions', async () => {
    const answer = await call('GET', '/api/v1/admin/projections');
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({
      consumers: [
        {
          name: 'calendar',
          kind: 'projection',
          position: '120',
          lagEvents: 3,
          health: { state: 'degraded' },
          setAside: [{ sessionId: 's-1', errorCode: 'malformed-event' }],
        },
        { name: 'kafka-publisher', kind: 'publisher', state: 'running', health: { state: 'up' } },
      ],
    });
  });

  it('retries set-aside sessions of a consumer: one, or all', async () => {
    const url = '/api/v1/admin/projections/calendar/retry';
    expect((await call('POST', url, 'auditor', {})).statusCode).toBe(403);
    const one = await call('POST', url, 'admin', { sessionId: 's-1' });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual({
      consumer: 'calendar',
      requested: ['s-1'],
      cleared: ['s-1'],
      failed: [],
      pending: [],
    });
    expect((await call('POST', url, 'admin', {})).json()).toMatchObject({ requested: ['s-1'] });
    expect(admin.retries).toEqual([
      ['calendar', 's-1'],
      ['calendar', undefined],
    ]);
  });

  it('refuses a retry of an unknown consumer or session (404) and a malformed body (400)', async () => {
    const unknown = await call('POST', '/api/v1/admin/projections/nope/retry', 'admin', {});
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const notSetAside = await call('POST', '/api/v1/admin/projections/calendar/retry', 'admin', {
      sessionId: 'fine',
    });
    expect(notSetAside.statusCode).toBe(404);
    for (const body of [{ sessionId: 7 }, { sessionId: '' }, { session: 's-1' }]) {
      const bad = await call('POST', '/api/v1/admin/projections/calendar/retry', 'admin', body);
      expect(bad.statusCode).toBe(400);
    }
    expect(admin.retries).toEqual([['calendar', 'fine']]);
  });

  it('starts a rebuild (202 + job), shows its progress, then its result', async () => {
    const started = await call('POST', '/api/v1/admin/projections/calendar/rebuild');
    expect(started.statusCode).toBe(202);
    const job = started.json<{ jobId: string; progressUrl: string; state: string }>();
    expect(job.state).toBe('running');
    expect(started.headers.location).toBe(job.progressUrl);

    const finisher = admin.finishers.get('calendar')!;
    finisher.progress({
      eventsDone: 500,
      position: '500',
      headPosition: '1000',
      eventsPerSecond: 250,
      secondsLeft: 2,
    });
    expect((await call('GET', job.progressUrl)).json()).toMatchObject({
      state: 'running',
      progress: { eventsDone: 500, secondsLeft: 2 },
    });
    expect((await call('POST', '/api/v1/admin/projections/calendar/rebuild')).statusCode).toBe(409);

    finisher.done({ eventsDone: 1000, position: '1000', generation: 2, seconds: 4, setAside: [] });
    await new Promise((resolve) => setImmediate(resolve));
    expect((await call('GET', job.progressUrl)).json()).toMatchObject({
      state: 'succeeded',
      result: { eventsDone: 1000, generation: 2 },
    });
  });

  it('answers 404 for an unknown projection or job, and records a failed rebuild', async () => {
    const unknown = await call('POST', '/api/v1/admin/projections/nope/rebuild');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect((await call('GET', '/api/v1/admin/rebuilds/missing')).statusCode).toBe(404);

    const started = (await call('POST', '/api/v1/admin/projections/reporting/rebuild')).json<{
      progressUrl: string;
    }>();
    admin.finishers.get('reporting')!.fail(new RebuildInProgressError('reporting'));
    await new Promise((resolve) => setImmediate(resolve));
    expect((await call('GET', started.progressUrl)).json()).toMatchObject({
      state: 'failed',
      error: 'another process is rebuilding reporting',
    });
  });
});
