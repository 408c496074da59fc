import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, signDevToken, DEV_JWT_SECRET } from '@app/platform';
import { createApp } from '../../apps/api/src/bootstrap/create-app';
import { COMMANDS } from '../../apps/cli/src/commands';
import { runCli } from '../../apps/cli/src/run-cli';
import { recordingIo } from '../../apps/cli/src/testing/recording-io';
import { freePort } from './app-process';

jest.setTimeout(120_000);

/**
 * The CLI on the embedded default (PRODUCT: one PGlite owned by the running app): through the
 * app's HTTP API while it runs, the DATA_DIR folder itself once it stopped, saying which.
 */
describe('the cli on the embedded store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cli-embedded-'));
  let app: NestFastifyApplication | undefined;
  let env: Record<string, string>;
  const sessionId = randomUUID();

  const cli = async (...args: string[]) => {
    const io = recordingIo(env);
    const code = await runCli(args, COMMANDS, io);
    return { code, io };
  };

  beforeAll(async () => {
    const port = await freePort();
    env = { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent' };
    app = await createApp({
      platform: { config: loadConfig(env) },
      stores: { runProjector: true },
    });
    await app.listen({ port, host: '127.0.0.1' });
    const token = await signDevToken({ sub: 'pro-9', role: 'professional' }, DEV_JWT_SECRET);
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        sessionId,
        professionalId: 'pro-9',
        clientId: 'client-9',
        startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        durationMinutes: 50,
        fee: { amountMinor: 5000, currency: 'EUR' },
        payment: { kind: 'direct' },
      }),
    });
    expect(response.status).toBe(201);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('goes through the running app’s API, with an admin token, and says so', async () => {
    const history = await cli('session', 'history', sessionId, '--json');
    expect(history.code).toBe(0);
    expect(history.io.stderr[0]).toContain('through the running app at http://127.0.0.1:');
    expect(JSON.parse(history.io.stdout[0])).toMatchObject({ kind: 'history', version: 0 });

    const state = await cli('session', 'state', sessionId, '--version', '0', '--json');
    expect(JSON.parse(state.io.stdout[0])).toMatchObject({ state: { status: 'scheduled' } });

    const status = await cli('projections', 'status', '--json');
    expect(status.code).toBe(0);
    const rows = JSON.parse(status.io.stdout[0]) as Array<{ name: string; state: string }>;
    expect(rows.map((r) => r.name).sort()).toEqual(['calendar', 'deletions', 'reporting']);
    expect(rows.every((r) => r.state === 'running')).toBe(true);

    const rebuild = await cli('projections', 'rebuild', 'reporting', '--json');
    expect(rebuild.code).toBe(0);
    expect(JSON.parse(rebuild.io.stdout[0])).toMatchObject([
      { projection: 'reporting', eventsDone: 1 },
    ]);
  });

  it('opens the DATA_DIR folder itself once no app holds it', async () => {
    await app?.close();
    app = undefined;
    const history = await cli('session', 'history', sessionId);
    expect(history.code).toBe(0);
    expect(history.io.stderr[0]).toContain(
      `directly: the embedded store in ${join(dataDir, 'pglite')}`,
    );
    expect(history.io.stdout[0]).toBe(`session ${sessionId} (professional pro-9), version 0`);
    const status = await cli('projections', 'status');
    expect(status.code).toBe(0);
    // Nobody runs them now: the status is what the app reported when it stopped.
    expect(status.io.stdout[0]).toMatch(/calendar\s+projection\s+stopped\s+up/);
  });
});
