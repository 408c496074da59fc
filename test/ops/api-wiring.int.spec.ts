import { randomUUID } from 'node:crypto';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { PgliteDatabase } from '@app/event-store/embedded';
import { loadConfig, type Role, signDevToken } from '@app/platform';
import { ApiModule } from '../../apps/api/src/api.module';
import { STORES, type Stores } from '../../apps/api/src/composition';
import { sampleValue } from './prometheus-text';

jest.setTimeout(90_000);

const SECRET = 'ops-wiring-secret-that-is-at-least-32-bytes';

/**
 * The API as main.ts builds it, on the real stack (embedded, in memory, projector in process):
 * a scripted load, then the scrape's counters checked against what was sent.
 */
describe('the API with metrics and admin endpoints wired', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const pglite = await PgliteDatabase.open();
    const moduleRef = await Test.createTestingModule({
      imports: [
        ApiModule.forRoot({
          platform: { config: loadConfig({ JWT_SECRET: SECRET, LOG_LEVEL: 'silent' }) },
          stores: { pglite, runProjector: true },
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
      logger: false,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => app?.close());

  const send = async (method: 'GET' | 'POST', url: string, role: Role, body?: unknown) => {
    const token = await signDevToken(
      { sub: role === 'professional' ? 'pro-1' : `${role}-1`, role },
      SECRET,
    );
    const response = await app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return {
      status: response.statusCode,
      body: response.body === '' ? undefined : response.json<Record<string, unknown>>(),
    };
  };

  it('counts the scripted load exactly, by command and status, with appends and conflicts', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const sessionId = randomUUID();
      ids.push(sessionId);
      const scheduled = await send('POST', '/api/v1/sessions', 'professional', {
        sessionId,
        professionalId: 'pro-1',
        clientId: 'client-1',
        startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        durationMinutes: 50,
        fee: { amountMinor: 12000, currency: 'EUR' },
        payment: { kind: 'direct' },
      });
      expect(scheduled.status).toBe(201);
    }
    for (const id of ids.slice(0, 3)) {
      expect(
        (
          await send('POST', `/api/v1/sessions/${id}/cancel`, 'professional', {
            reason: 'cancelled-by-client',
          })
        ).status,
      ).toBe(200);
    }
    expect(
      (
        await send('POST', `/api/v1/sessions/${ids[0]}/cancel`, 'professional', {
          reason: 'cancelled-by-client',
        })
      ).status,
    ).toBe(409);
    expect(
      (await send('POST', `/api/v1/sessions/${ids[1]}/cancel`, 'professional', { reason: 'nope' }))
        .status,
    ).toBe(400);
    expect((await send('GET', `/api/v1/sessions/${ids[4]}`, 'auditor')).status).toBe(200);

    const stores = app.get<Stores>(STORES);
    const head = await stores.eventStore.headPosition();
    await stores.readModels.waitForPosition(['calendar'], head ?? '0', 10_000);
    const scrape = await app.inject({ method: 'GET', url: '/metrics' });
    expect(scrape.statusCode).toBe(200);
    const text = scrape.body;
    const command = (name: string, route: string, status: number, outcome: string): number =>
      sampleValue(text, 'commands_total', {
        command: name,
        method: 'POST',
        route,
        status: String(status),
        outcome,
        app: 'api',
      });
    const cancel = '/api/v1/sessions/:id/cancel';
    expect(command('SessionCommands.schedule', '/api/v1/sessions', 201, 'ok')).toBe(5);
    expect(command('SessionCommands.cancel', cancel, 200, 'ok')).toBe(3);
    expect(command('SessionCommands.cancel', cancel, 409, 'rejected')).toBe(1);
    expect(command('SessionCommands.cancel', cancel, 400, 'rejected')).toBe(1);
    const latency = { command: 'SessionCommands.schedule', outcome: 'ok' };
    expect(sampleValue(text, 'command_duration_seconds_count', latency)).toBe(5);
    const query = { query: 'SessionQueries.session', route: '/api/v1/sessions/:id', status: '200' };
    expect(sampleValue(text, 'queries_total', query)).toBe(1);
    // 5 schedules + 3 cancels, one append each; a cancel writes SessionCancelled and
    // NotificationRequested (notifying is the default).
    const session = { category: 'session' };
    expect(sampleValue(text, 'event_store_appends_total', session)).toBe(8);
    expect(sampleValue(text, 'event_store_appended_events_total', session)).toBe(5 + 3 * 2);
    expect(sampleValue(text, 'event_store_append_conflicts_total', session)).toBeNaN();
    expect(
      sampleValue(text, 'projection_position', { projection: 'calendar', app: 'api' }),
    ).toBeGreaterThan(0);
    expect(
      sampleValue(text, 'projection_state', { projection: 'calendar', state: 'running' }),
    ).toBe(1);
    for (const id of ids) expect(text).not.toContain(id);
  });

  it('shows projection status to admins and rebuilds a projection', async () => {
    expect((await send('GET', '/api/v1/admin/projections', 'auditor')).status).toBe(403);
    const status = await send('GET', '/api/v1/admin/projections', 'admin');
    expect(status.status).toBe(200);
    const names = (status.body?.consumers as Array<{ name: string }>).map((c) => c.name).sort();
    expect(names).toEqual(['calendar', 'deletions', 'reporting']);

    const started = await send('POST', '/api/v1/admin/projections/calendar/rebuild', 'admin');
    expect(started.status).toBe(202);
    const progressUrl = started.body?.progressUrl as string;
    const deadline = Date.now() + 30_000;
    let job = started.body;
    while (job?.state === 'running' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await send('GET', progressUrl, 'admin')).body;
    }
    expect(job).toMatchObject({ state: 'succeeded', result: { eventsDone: 11 } });
  });
});
