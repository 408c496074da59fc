import { generateSealKeyPem } from '@app/audit';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createPostgresEventStore } from '@app/event-store/postgres';
import { defaultUpcasterRegistry, withUpcasting } from '@app/event-store/upcasting';
import { createPostgresReadModels } from '@app/read-models';
import { projectToHead, SessionWriter, uniqueSchema } from '@app/read-models/testing';
import { describeWithService } from '@test/support/requires-service';
import { EXIT_OK } from '../command';
import { runCli } from '../run-cli';
import { recordingIo } from '../testing/recording-io';
import { directBackend, type OperatorBackend } from './operator';
import { createProjectionsCommand } from './projections.command';
import { createSessionCommand } from './session.command';

jest.setTimeout(60_000);

describeWithService('postgres', 'operator commands on PostgreSQL', (url) => {
  const eventSchema = uniqueSchema('cli_es');
  const readSchema = uniqueSchema('cli_rm');
  let backend: OperatorBackend;
  const sessionId = randomUUID();
  const commands = () => {
    // The commands close their backend after each run; these tests keep one open throughout.
    const keepOpen = (): Promise<OperatorBackend> =>
      Promise.resolve({ ...backend, close: () => Promise.resolve() });
    return [
      createSessionCommand(keepOpen),
      createProjectionsCommand(keepOpen, () => ({ isTTY: false, write: () => undefined })),
    ];
  };
  const run = async (args: string[]) => {
    const io = recordingIo();
    const code = await runCli(args, commands(), io);
    return { code, io };
  };

  beforeAll(async () => {
    const raw = await createPostgresEventStore({ connectionString: url, schema: eventSchema });
    const readModels = await createPostgresReadModels({
      connectionString: url,
      schema: readSchema,
    });
    const eventStore = withUpcasting(raw, defaultUpcasterRegistry());
    const writer = new SessionWriter(raw);
    await writer.schedule({
      sessionId,
      professionalId: 'pro-cli',
      startsAt: '2026-03-01T10:00:00.000Z',
    });
    await writer.cancel(sessionId, 'pro-cli', {
      reason: 'other',
      note: 'a private note',
      cancelledAt: '2026-02-27T10:00:00.000Z',
    });
    await projectToHead(readModels, eventStore);
    backend = directBackend(
      {
        eventStore,
        rawEventStore: raw,
        sealKeyPem: generateSealKeyPem,
        readModels,
        close: async () => {
          await readModels.close();
          await raw.close();
        },
      },
      'directly (test schemas)',
    );
  });

  afterAll(async () => {
    await backend?.close();
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${eventSchema} CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS ${readSchema} CASCADE`);
    await client.end();
  });

  it('prints a session’s history from the event store, without the private note', async () => {
    const { code, io } = await run(['session', 'history', sessionId, '--json']);
    expect(code).toBe(EXIT_OK);
    const answer = JSON.parse(io.stdout[0]) as {
      kind: string;
      events: Array<{ type: string; data: Record<string, unknown> }>;
    };
    expect(answer.kind).toBe('history');
    expect(answer.events.map((e) => e.type)).toEqual([
      'SessionScheduled',
      'SessionCancelled',
      'NotificationRequested',
    ]);
    expect(answer.events[1].data).toMatchObject({ hasPrivateNote: true });
    expect(io.stdout[0]).not.toContain('a private note');
  });

  it('replays the state as of a version and as of an instant', async () => {
    const byVersion = await run(['session', 'state', sessionId, '--version', '0', '--json']);
    expect(JSON.parse(byVersion.io.stdout[0])).toMatchObject({
      kind: 'state',
      version: 0,
      state: { status: 'scheduled' },
    });
    const now = await run([
      'session',
      'state',
      sessionId,
      '--at',
      new Date(Date.now() + 60_000).toISOString(),
    ]);
    expect(now.code).toBe(EXIT_OK);
    expect(now.io.stdout[1]).toMatch(/status\s+cancelled/);
    const before = await run([
      'session',
      'state',
      sessionId,
      '--at',
      '2000-01-01T00:00:00Z',
      '--json',
    ]);
    expect(JSON.parse(before.io.stdout[0])).toMatchObject({
      version: -1,
      state: { status: 'not-scheduled' },
    });
  });

  it('shows every projection caught up at the store’s head', async () => {
    const { code, io } = await run(['projections', 'status', '--json']);
    expect(code).toBe(EXIT_OK);
    const rows = JSON.parse(io.stdout[0]) as Array<{
      name: string;
      kind: string;
      lagEvents: number;
      position: string | null;
    }>;
    expect(rows.map((r) => r.name).sort()).toEqual(['calendar', 'deletions', 'reporting']);
    for (const row of rows) {
      expect(row).toMatchObject({ kind: 'projection', lagEvents: 0 });
      expect(row.position).not.toBeNull();
    }
  });

  it('rebuilds a projection from the log', async () => {
    const { code, io } = await run(['projections', 'rebuild', 'calendar', '--json']);
    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(io.stdout[0])).toMatchObject([{ projection: 'calendar', eventsDone: 3 }]);
  });
});
