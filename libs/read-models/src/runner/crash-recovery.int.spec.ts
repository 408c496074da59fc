import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createPostgresEventStore, type PostgresEventStore } from '@app/event-store/postgres';
import { describeWithService } from '@test/support/requires-service';
import { Client } from 'pg';
import { createPostgresReadModels, type ReadModels } from '../read-models';
import { projectToHead, SessionWriter, snapshotActive, uniqueSchema } from '../testing';
import { waitUntil } from '../testing';
import { appliedPosition } from './wait-for-position';
import { readActiveCheckpoint } from '@app/consumers';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..', '..', '..');
const CHILD = join(__dirname, '..', 'testing', 'projector-child.ts');

describeWithService('postgres', 'a projector killed in the middle of a batch', (url) => {
  const esSchema = uniqueSchema('rm_crash_es');
  const rmSchema = uniqueSchema('rm_crash');
  const freshSchema = uniqueSchema('rm_crash_fresh');
  const appName = `rm-crash-${process.pid}`;
  let eventStore: PostgresEventStore;
  let readModels: ReadModels;
  let admin: Client;
  const children: ChildProcess[] = [];

  const startChild = (): ChildProcess => {
    // Its own process group: npx and tsx spawn children, and SIGKILL must reach all of them.
    const child = spawn('npx', ['tsx', CHILD], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        DATABASE_URL: url,
        EVENT_STORE_SCHEMA: esSchema,
        READ_MODEL_SCHEMA: rmSchema,
        SLOW_BATCH_MS: '40',
        CHILD_APP_NAME: appName,
      },
    });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    outputs.set(child, () => output);
    return child;
  };
  const outputs = new Map<ChildProcess, () => string>();
  /** The projector script's own pid (npx and tsx stand between us and it). */
  const scriptPid = async (child: ChildProcess): Promise<number> => {
    await waitUntil(() => /started \d+/.test(outputs.get(child)?.() ?? ''), 60_000);
    return Number(/started (\d+)/.exec(outputs.get(child)?.() ?? '')?.[1]);
  };
  const exited = (child: ChildProcess): Promise<number | null> =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve(child.exitCode)
      : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

  beforeAll(async () => {
    eventStore = await createPostgresEventStore({
      connectionString: url,
      schema: esSchema,
      heldBackCheckIntervalMs: 0,
    });
    readModels = await createPostgresReadModels({ connectionString: url, schema: rmSchema });
    admin = new Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    await readModels.close();
    await eventStore.close();
    for (const schema of [esSchema, rmSchema, freshSchema])
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('resumes without losing or doubling an effect: the rows equal a fresh rebuild', async () => {
    const writer = new SessionWriter(eventStore);
    const seed = async (from: number, to: number): Promise<void> => {
      for (let i = from; i < to; i += 1) {
        const startsAt = new Date(
          Date.parse('2026-05-01T08:00:00.000Z') + i * 3_600_000,
        ).toISOString();
        await writer.schedule({ sessionId: `c${i}`, professionalId: `pro-${i % 5}`, startsAt });
        if (i % 2 === 0) {
          await writer.cancel(`c${i}`, `pro-${i % 5}`, {
            reason: (
              [
                'cancelled-by-client',
                'client-no-show',
                'other',
                'cancelled-by-professional',
              ] as const
            )[i % 4],
            note: i % 4 === 2 ? 'note' : undefined,
            startsAt,
            cancelledAt: new Date(
              Date.parse(startsAt) + (i % 4 === 1 ? 600_000 : -3_600_000),
            ).toISOString(),
            charge:
              i % 8 === 0 ? { method: 'card', amountMinor: 5000, currency: 'EUR' } : undefined,
            notify: i % 3 === 0,
          });
        } else if (i % 7 === 0) {
          await writer.delete(`c${i}`, `pro-${i % 5}`, '2026-04-01T00:00:00.000Z');
        }
      }
    };
    await seed(0, 300);
    const firstHead = (await eventStore.headPosition())!;

    const first = startChild();
    // Kill once some batches are committed and a batch transaction is open (mid-batch).
    await waitUntil(async () => {
      const applied = await readActiveCheckpoint(readModels.executor, 'calendar');
      if (applied?.position === undefined) return false;
      const open = await admin.query(
        `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND xact_start IS NOT NULL AND query ILIKE '%pg_sleep%'`,
        [appName],
      );
      return open.rowCount !== null && open.rowCount > 0;
    }, 60_000);
    process.kill(-first.pid!, 'SIGKILL');
    await exited(first);
    const atKill = await appliedPosition(readModels.executor, [
      'deletions',
      'calendar',
      'reporting',
    ]);
    expect(atKill === undefined || BigInt(atKill) < BigInt(firstHead)).toBe(true);

    // More history while no projector runs, then a restart that must finish the job.
    await seed(300, 360);
    const head = (await eventStore.headPosition())!;
    const second = startChild();
    await readModels.waitForPosition(['deletions', 'calendar', 'reporting'], head, 60_000);
    // A graceful stop of the script itself: finish the batch, checkpoint, release, exit 0.
    process.kill(await scriptPid(second), 'SIGTERM');
    expect(await exited(second)).toBe(0);
    expect(outputs.get(second)?.()).toContain('stopped');

    const fresh = await createPostgresReadModels({ connectionString: url, schema: freshSchema });
    try {
      await projectToHead(fresh, eventStore, { batchSize: 200 }, 60_000);
      const recovered = await snapshotActive(readModels.executor, readModels.projections);
      const rebuilt = await snapshotActive(fresh.executor, fresh.projections);
      expect(recovered.calendar?.calendar_sessions?.length).toBeGreaterThan(300);
      expect(recovered).toEqual(rebuilt);
    } finally {
      await fresh.close();
    }
  });
});
