import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { signDevToken } from '@app/platform';
import { describeWithService, itUnless, serviceAvailability } from '@test/support/requires-service';
import { type AppProcess, freePort, startApp, waitForReady } from './app-process';
import { buildImageTree, ROOT } from './image-tree';
import { composeEnvironment, createScratchDatabase, type ScratchDatabase } from './local-stack';

jest.setTimeout(240_000);

const API_MAIN = join(ROOT, 'apps', 'api', 'src', 'main.ts');

/**
 * The "done when": the api and the projector start with the environment docker/compose.yml
 * gives them, store settings overridden to the local services (no EventStoreDB here: the event
 * store is PostgreSQL; Kafka when KAFKA_BROKERS is known), and the docker/README walkthrough runs
 * against them.
 */
describeWithService('postgres', 'the apps with the compose environment', (url) => {
  let database: ScratchDatabase | undefined;
  const kafka = serviceAvailability('kafka');
  let tree = '';
  const apps: AppProcess[] = [];
  let apiBase = '';
  let projectorBase = '';
  let secret = '';

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) return;
    tree = buildImageTree('ops-env');
    database = await createScratchDatabase(url, `ops_env_${process.pid}`);
    const local = { databaseUrl: database.url, kafka };
    const apiEnv = composeEnvironment('api', {
      ...local,
      port: await freePort(),
      metricsPort: await freePort(),
    });
    const projectorEnv = composeEnvironment('projector', { ...local, port: await freePort() });
    secret = apiEnv.JWT_SECRET;
    apiBase = `http://127.0.0.1:${apiEnv.PORT}`;
    projectorBase = `http://127.0.0.1:${projectorEnv.PORT}`;
    apps.push(startApp('api', tree, apiEnv), startApp('projector', tree, projectorEnv));
    await waitForReady(apps[0], `${apiBase}/health/ready`);
    await waitForReady(apps[1], `${projectorBase}/health/ready`);
  });

  afterAll(async () => {
    for (const app of apps) await app.stop();
    if (tree !== '') rmSync(tree, { recursive: true, force: true });
    await database?.drop();
  });

  itUnless(
    existsSync(API_MAIN) ? undefined : 'apps/api/src/main.ts does not exist yet',
    'runs the README walkthrough, then both apps stop gracefully on SIGTERM',
    async () => {
      const token = await signDevToken({ sub: 'pro-42', role: 'professional' }, secret);
      const auditor = await signDevToken({ sub: 'aud-1', role: 'auditor' }, secret);
      const call = async (
        method: string,
        path: string,
        body?: unknown,
        headers: Record<string, string> = {},
        as = token,
      ) => {
        const response = await fetch(`${apiBase}/api/v1${path}`, {
          method,
          headers: {
            authorization: `Bearer ${as}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        return {
          status: response.status,
          body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
        };
      };

      // 1. payment methods
      const methods = await call('PUT', '/workstations/pro-42/payment-methods', {
        methods: ['card', 'invoice'],
      });
      expect(methods.status).toBe(200);
      // 2. schedule 20 hours from now
      const startsAt = new Date(
        Math.ceil((Date.now() + 20 * 3600_000) / 3600_000) * 3600_000,
      ).toISOString();
      const scheduled = await call('POST', '/sessions', {
        professionalId: 'pro-42',
        clientId: 'client-7',
        startsAt,
        timeZone: 'Europe/Berlin',
        durationMinutes: 50,
        fee: { amountMinor: 12000, currency: 'EUR' },
        payment: { kind: 'direct' },
      });
      expect(scheduled.status).toBe(201);
      const sessionId = scheduled.body?.sessionId as string;
      // 3. cancel, charge, notify
      const cancelled = await call(
        'POST',
        `/sessions/${sessionId}/cancel`,
        { reason: 'cancelled-by-client', charge: { method: 'card' } },
        { 'idempotency-key': 'cancel-1' },
      );
      expect(cancelled.status).toBe(200);
      const events = cancelled.body?.events as Array<{ type: string }>;
      expect(events.map((e) => e.type)).toEqual([
        'SessionCancelled',
        'ClientCharged',
        'NotificationRequested',
      ]);
      const position = cancelled.body?.position as string;
      // 4. read models, applied by the separate projector process
      const day = (offset: number) =>
        new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const calendar = await call(
        'GET',
        `/calendar?from=${day(0)}T00:00:00Z&to=${day(3)}T00:00:00Z&minPosition=${position}`,
      );
      expect(calendar.status).toBe(200);
      expect(JSON.stringify(calendar.body)).toContain(sessionId);
      const report = await call(
        'GET',
        `/reports/cancellations?from=${day(0)}&to=${day(3)}&groupBy=reason&minPosition=${position}`,
      );
      expect(report.status).toBe(200);
      // 5. the audit trail
      const history = await call('GET', `/sessions/${sessionId}/history`, undefined, {}, auditor);
      expect(history.status).toBe(200);
      expect((history.body?.events as unknown[]).length).toBe(4);

      // The projector's own figures.
      const ready = (await (await fetch(`${projectorBase}/health/ready`)).json()) as Record<
        string,
        unknown
      >;
      expect(JSON.stringify(ready)).toContain('"consumer:calendar"');
      const metrics = await (await fetch(`${projectorBase}/metrics`)).text();
      expect(metrics).toMatch(
        /projection_events_total\{projection="calendar",app="projector"\} [1-9]/,
      );
      if (kafka.available) {
        // Every event published and acknowledged: the publisher's lag drains to 0.
        const deadline = Date.now() + 30_000;
        let scraped = metrics;
        while (
          !/publisher_lag_events\{publisher="kafka-publisher",app="projector"\} 0\n/.test(scraped)
        ) {
          if (Date.now() > deadline) throw new Error(`publisher did not catch up:\n${scraped}`);
          await new Promise((resolve) => setTimeout(resolve, 250));
          scraped = await (await fetch(`${projectorBase}/metrics`)).text();
        }
        expect(scraped).toMatch(
          /publisher_events_total\{publisher="kafka-publisher",app="projector"\} [5-9]/,
        );
      } else {
        process.stderr.write('compose-env: KAFKA_BROKERS not set, the publisher was not checked\n');
      }

      // SIGTERM: the projector finishes its batch, stores checkpoints, releases leases, exits 0.
      expect(await apps[1].stop()).toBe(0);
      expect(await apps[0].stop()).toBe(0);
    },
  );
});
