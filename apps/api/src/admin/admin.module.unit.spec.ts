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
import { RebuildInProgressError } from '@app/read-models';
import { AdminModule } from './admin.module';
import type {
  ConsumerView,
  ProjectionAdmin,
  RebuildOutcome,
  RebuildProgressView,
} from './projection-admin';

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

  status(): Promise<readonly ConsumerView[]> {
    return Promise.resolve([
      {
        name: 'calendar',
        kind: 'projection',
        state: 'running',
        position: '120',
        lagEvents: 3,
        lagEventsExact: true,
        lagSeconds: 0.4,
        lastError: null,
      },
      {
        name: 'kafka-publisher',
        kind: 'publisher',
        state: 'live',
        position: '118',
        lagEvents: 5,
        lagEventsExact: true,
        lagSeconds: 0.9,
        lastError: null,
      },
    ]);
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
  const call = async (method: 'GET' | 'POST', url: string, role: Role | null = 'admin') =>
    app.inject({
      method,
      url,
      headers: role ? { authorization: `Bearer ${await token(role)}` } : {},
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

  it('shows every projection and the publisher', async () => {
    const answer = await call('GET', '/api/v1/admin/projections');
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({
      consumers: [
        { name: 'calendar', kind: 'projection', position: '120', lagEvents: 3 },
        { name: 'kafka-publisher', kind: 'publisher', state: 'live' },
      ],
    });
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

    finisher.done({ eventsDone: 1000, position: '1000', generation: 2, seconds: 4 });
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
