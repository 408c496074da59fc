import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createPostgresEventStore } from '@app/event-store/postgres';
import { defaultUpcasterRegistry, withUpcasting } from '@app/event-store/upcasting';
import { silentLogger } from '@app/event-store';
import { createPostgresReadModels } from '@app/read-models';
import { SessionWriter, uniqueSchema } from '@app/read-models/testing';
import { describeWithService } from '@test/support/requires-service';
import { loadProjectorConfig } from './projector-config';
import { type RunningProjector, startProjector } from './projector-process';

jest.setTimeout(60_000);

describeWithService('postgres', 'the projector process on PostgreSQL', (url) => {
  const eventSchema = uniqueSchema('proj_es');
  const readSchema = uniqueSchema('proj_rm');
  let running: RunningProjector | undefined;

  afterAll(async () => {
    await running?.stop();
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${eventSchema} CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS ${readSchema} CASCADE`);
    await client.end();
  });

  it('projects, reports ready with its lag, exposes metrics, and stops gracefully', async () => {
    const raw = await createPostgresEventStore({ connectionString: url, schema: eventSchema });
    const readModels = await createPostgresReadModels({
      connectionString: url,
      schema: readSchema,
    });
    const env = { EVENT_STORE: 'postgres', READ_MODEL_STORE: 'postgres', DATABASE_URL: url };
    const config = loadProjectorConfig(env);
    expect(config.kafkaBrokers).toBeUndefined();
    const infos: string[] = [];
    running = await startProjector(
      config,
      { ...silentLogger, info: (message) => infos.push(message) },
      {
        env,
        listen: false,
        stores: {
          eventStore: withUpcasting(raw, defaultUpcasterRegistry()),
          readModels,
          close: async () => {
            await readModels.close();
            await raw.close();
          },
        },
      },
    );
    expect(infos).toContain('Kafka publisher off: KAFKA_BROKERS not set');
    const writer = new SessionWriter(raw);
    const sessionId = randomUUID();
    await writer.schedule({ sessionId, professionalId: 'pro-p', startsAt: '2026-05-01T10:00:00Z' });
    const head = await writer.cancel(sessionId, 'pro-p', {
      reason: 'cancelled-by-client',
      cancelledAt: '2026-04-01T10:00:00Z',
    });
    await running.runtime.waitForPosition(head.position, 20_000);

    const ready = await running.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ok',
      checks: {
        eventStore: { state: 'up', headPosition: head.position },
        readModels: { state: 'up' },
        'consumer:calendar': { state: 'up', consumerState: 'running', position: head.position },
        'consumer:reporting': { state: 'up' },
        'consumer:deletions': { state: 'up' },
      },
    });
    expect((await running.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);

    const metrics = (await running.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('projection_lag_events{projection="calendar",app="projector"} 0');
    expect(metrics).toContain('projection_events_total{projection="calendar",app="projector"} 3');
    expect(metrics).toContain(
      'projection_state{projection="calendar",state="running",app="projector"} 1',
    );
    expect(metrics).toContain('publisher_status_up{app="projector"} 1');
    expect(metrics).toContain('process_cpu_user_seconds_total');

    await running.stop();
    running = undefined;
    // Checkpoints were stored: a fresh status read shows every projection at the head.
    const after = await createPostgresReadModels({ connectionString: url, schema: readSchema });
    const rawAfter = await createPostgresEventStore({ connectionString: url, schema: eventSchema });
    try {
      const statuses = await after.createProjector(rawAfter).status();
      expect(statuses.every((s) => s.position === head.position && s.lagEvents === 0)).toBe(true);
    } finally {
      await after.close();
      await rawAfter.close();
    }
  });
});
