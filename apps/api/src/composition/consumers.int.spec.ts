import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import type { ConsumerStatus } from '@app/consumers';
import { silentLogger, type JsonObject, type NewEvent } from '@app/event-store';
import { PgliteDatabase } from '@app/event-store/embedded';
import { loadConfig, signDevToken, type Role } from '@app/platform';
import { createPostgresReadModels } from '@app/read-models';
import { waitUntil } from '@app/read-models/testing';
import { describeWithService } from '@test/support/requires-service';
import { loadProjectorConfig, startProjector, type RunningProjector } from '../../../projector/src';
import { createApp } from '../bootstrap/create-app';
import { STORES, type Stores } from './stores';

jest.setTimeout(90_000);

const SECRET = 'consumers-wiring-secret-that-is-at-least-32-bytes';
/** A broker nobody listens on: the publisher is configured and cannot reach Kafka. */
const NOWHERE = '127.0.0.1:9';

/** What an import or an older version might have written: a string where a number belongs. */
function malformedSchedule(sessionId: string, professionalId: string): NewEvent {
  const data: JsonObject = {
    sessionId,
    professionalId,
    clientId: 'client-x',
    startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    timeZone: 'UTC',
    durationMinutes: 50,
    fee: { amountMinor: '12000', currency: 'EUR' },
    payment: { kind: 'direct' },
  };
  return {
    eventId: randomUUID(),
    type: 'SessionScheduled',
    schemaVersion: 1,
    data,
    metadata: {
      occurredAt: new Date().toISOString(),
      actor: { userId: professionalId, role: 'professional' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  };
}

function client(app: NestFastifyApplication) {
  return async (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    as: { role: Role; sub: string } | null,
    body?: unknown,
  ) => {
    const token = as ? await signDevToken(as, SECRET) : undefined;
    const response = await app.inject({
      method,
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return {
      status: response.statusCode,
      body: String(response.headers['content-type']).includes('json')
        ? response.json<Record<string, unknown>>()
        : undefined,
      text: response.body,
    };
  };
}

const ADMIN = { role: 'admin' as const, sub: 'adm' };
const consumersOf = (body: Record<string, unknown> | undefined): ConsumerStatus[] =>
  (body?.consumers ?? []) as ConsumerStatus[];

describe('a session set aside, seen through the API running the consumers (embedded)', () => {
  let app: NestFastifyApplication;
  let pglite: PgliteDatabase;
  const previousBrokers = process.env.KAFKA_BROKERS;

  beforeAll(async () => {
    process.env.KAFKA_BROKERS = NOWHERE;
    pglite = await PgliteDatabase.open();
    app = await createApp({
      platform: {
        config: loadConfig({ JWT_SECRET: SECRET, LOG_LEVEL: 'silent', KAFKA_BROKERS: NOWHERE }),
      },
      stores: { pglite, runProjector: true },
    });
  });
  afterAll(async () => {
    await app?.close();
    await pglite?.close();
    if (previousBrokers === undefined) delete process.env.KAFKA_BROKERS;
    else process.env.KAFKA_BROKERS = previousBrokers;
  });

  it('names it in answers, admin status, health and metrics; others keep flowing; deleting it clears it', async () => {
    const call = client(app);
    const stores = app.get<Stores>(STORES);
    const bad = randomUUID();
    await stores.eventStore.append(
      `session-${bad}`,
      [malformedSchedule(bad, 'pro-2')],
      'no-stream',
    );
    const good = randomUUID();
    const scheduled = await call(
      'POST',
      '/api/v1/sessions',
      { role: 'professional', sub: 'pro-1' },
      {
        sessionId: good,
        professionalId: 'pro-1',
        clientId: 'client-1',
        startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        durationMinutes: 50,
        fee: { amountMinor: 12000, currency: 'EUR' },
        payment: { kind: 'direct' },
      },
    );
    expect(scheduled.status).toBe(201);
    const range = `from=${new Date().toISOString()}&to=${new Date(Date.now() + 5 * 86_400_000).toISOString()}`;
    // Another professional's read-your-writes wait is answered, not 503.
    const mine = await call(
      'GET',
      `/api/v1/calendar?${range}&minPosition=${String(scheduled.body?.position)}`,
      { role: 'professional', sub: 'pro-1' },
    );
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ setAside: [], sessions: [{ sessionId: good }] });
    const theirs = await call('GET', `/api/v1/calendar?${range}`, {
      role: 'professional',
      sub: 'pro-2',
    });
    expect(theirs.body).toMatchObject({ setAside: [bad], sessions: [] });

    const status = await call('GET', '/api/v1/admin/projections', ADMIN);
    const calendar = consumersOf(status.body).find((c) => c.name === 'calendar');
    expect(calendar).toMatchObject({
      health: { state: 'degraded' },
      setAside: [{ sessionId: bad, errorCode: 'malformed-event' }],
      source: 'this-process',
    });
    // The publisher is configured: listed, and degraded while Kafka is unreachable.
    await waitUntil(async () => {
      const answer = await call('GET', '/api/v1/admin/projections', ADMIN);
      const publisher = consumersOf(answer.body).find((c) => c.name === 'kafka-publisher');
      return publisher?.lastError?.startsWith('Kafka unavailable') === true;
    }, 60_000);

    const ready = await call('GET', '/health/ready', null);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'degraded',
      checks: {
        eventStore: { state: 'up' },
        'consumer:calendar': { state: 'degraded', setAside: [bad] },
        'consumer:kafka-publisher': {
          state: 'degraded',
          reason: expect.stringContaining('Kafka unavailable'),
        },
      },
    });
    const metrics = await call('GET', '/metrics', null);
    expect(metrics.text).toContain('consumer_degraded{consumer="calendar",app="api"} 1');
    expect(metrics.text).toContain('consumer_set_aside_streams{consumer="calendar",app="api"} 1');
    expect(metrics.text).toContain(
      `consumer_set_aside_session{consumer="calendar",session="${bad}",app="api"} 1`,
    );
    expect(metrics.text).toContain('consumer_degraded{consumer="kafka-publisher",app="api"} 1');

    // The cause is still there: a retry fails again, saying why.
    const retry = await call('POST', '/api/v1/admin/projections/calendar/retry', ADMIN, {
      sessionId: bad,
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({
      requested: [bad],
      cleared: [],
      failed: [{ sessionId: bad }],
    });

    // Deleting it (a session booked by mistake) erases it everywhere and clears the record.
    const deleted = await call('DELETE', `/api/v1/sessions/${bad}`, {
      role: 'professional',
      sub: 'pro-2',
    });
    expect(deleted.status).toBe(204);
    await waitUntil(async () => {
      const answer = await call('GET', '/api/v1/admin/projections', ADMIN);
      return consumersOf(answer.body)
        .filter((c) => c.kind === 'projection')
        .every((c) => c.setAsideCount === 0);
    }, 20_000);
    const after = await call('GET', '/health/ready', null);
    expect(after.body).toMatchObject({ checks: { 'consumer:calendar': { state: 'up' } } });
  });
});

describeWithService('postgres', 'the API beside a projector app (PostgreSQL)', (url) => {
  const prefix = `cons_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  let api: NestFastifyApplication | undefined;
  let projector: RunningProjector | undefined;

  afterAll(async () => {
    await projector?.stop();
    await api?.close();
    const admin = new Client({ connectionString: url });
    await admin.connect();
    for (const suffix of ['events', 'read', 'idem'])
      await admin.query(`DROP SCHEMA IF EXISTS ${prefix}_${suffix} CASCADE`);
    await admin.end();
  });

  it('shows the projector’s set-aside sessions and errors from the database, not from its log', async () => {
    const env = {
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'silent',
      EVENT_STORE: 'postgres',
      READ_MODEL_STORE: 'postgres',
      DATABASE_URL: url,
      KAFKA_BROKERS: NOWHERE,
    };
    api = await createApp({
      platform: { config: loadConfig(env) },
      stores: {
        schemas: { eventStore: `${prefix}_events`, readModels: `${prefix}_read` },
        runProjector: false,
      },
      application: { idempotencySchema: `${prefix}_idem` },
    });
    const stores = api.get<Stores>(STORES);
    const bad = randomUUID();
    await stores.eventStore.append(
      `session-${bad}`,
      [malformedSchedule(bad, 'pro-2')],
      'no-stream',
    );
    const readModels = await createPostgresReadModels({
      connectionString: url,
      schema: `${prefix}_read`,
    });
    projector = await startProjector(loadProjectorConfig(env), silentLogger, {
      env,
      listen: false,
      stores: { eventStore: stores.eventStore, readModels, close: () => readModels.close() },
    });
    const call = client(api);
    await waitUntil(async () => {
      const answer = await call('GET', '/api/v1/admin/projections', ADMIN);
      const found = consumersOf(answer.body);
      const calendar = found.find((c) => c.name === 'calendar');
      const publisher = found.find((c) => c.name === 'kafka-publisher');
      return (
        calendar?.setAsideCount === 1 && publisher?.lastError !== null && publisher !== undefined
      );
    }, 60_000);
    const answer = consumersOf((await call('GET', '/api/v1/admin/projections', ADMIN)).body);
    expect(answer.find((c) => c.name === 'calendar')).toMatchObject({
      state: 'running',
      source: 'report',
      setAside: [{ sessionId: bad }],
      health: { state: 'degraded' },
    });
    expect(answer.find((c) => c.name === 'kafka-publisher')).toMatchObject({
      kind: 'publisher',
      state: 'retrying',
      source: 'report',
      lastError: expect.stringContaining('Kafka unavailable'),
    });
    const ready = await call('GET', '/health/ready', null);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'degraded',
      checks: {
        'consumer:calendar': { state: 'degraded', setAside: [bad] },
        'consumer:kafka-publisher': { state: 'degraded' },
      },
    });
  });
});
