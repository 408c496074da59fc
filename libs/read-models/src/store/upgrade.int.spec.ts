import { createPgliteExecutor, readActiveCheckpoint } from '@app/consumers';
import { PgliteDatabase } from '@app/event-store/embedded';
import { applyMigrations } from '@app/event-store/sql';
import { createEmbeddedReadModels } from '../read-models';
import { uniqueSchema } from '../testing';
import { READ_MODEL_MIGRATIONS, READ_MODEL_MIGRATIONS_LEDGER } from './migrations';

jest.setTimeout(60_000);

describe('upgrading read models from before the consumer core', () => {
  let database: PgliteDatabase;
  beforeAll(async () => {
    database = await PgliteDatabase.open();
  });
  afterAll(() => database.close());

  it('moves the stored generations and checkpoints, so projections resume where they were', async () => {
    const schema = uniqueSchema('rm_upgrade');
    const old = await createPgliteExecutor({ database, schema });
    // A deployment of the previous version: migration 1 only, a rebuilt calendar at generation 2.
    await applyMigrations(
      old,
      { schema, table: READ_MODEL_MIGRATIONS_LEDGER },
      READ_MODEL_MIGRATIONS.slice(0, 1),
    );
    await old.query(`INSERT INTO projection_state VALUES ('calendar', 2, 3), ('deletions', 1, 1)`);
    await old.query(
      `INSERT INTO projection_checkpoints (projection, generation, position, last_recorded_at, events_applied)
       VALUES ('calendar', 2, 123456789012345678901234, '2026-03-01T12:00:00Z', 7),
              ('calendar', 3, 5, NULL, 1),
              ('deletions', 1, 99, NULL, 4)`,
    );
    const readModels = await createEmbeddedReadModels({ database, schema });
    try {
      expect(await readActiveCheckpoint(readModels.executor, 'calendar')).toEqual({
        generation: 2,
        position: '123456789012345678901234',
        lastRecordedAt: '2026-03-01T12:00:00.000000Z',
        eventsHandled: 7,
      });
      expect(await readActiveCheckpoint(readModels.executor, 'deletions')).toMatchObject({
        generation: 1,
        position: '99',
      });
      // A projection the old version never ran starts afresh.
      expect(await readActiveCheckpoint(readModels.executor, 'reporting')).toMatchObject({
        generation: 1,
        position: undefined,
      });
      const [left] = await readModels.executor.query<{ state: string | null }>(
        `SELECT to_regclass('projection_state')::text AS state`,
      );
      expect(left?.state).toBeNull();
      // The next generation a rebuild allocates follows the old ones.
      const [next] = await readModels.executor.query<{ last_generation: number }>(
        `SELECT last_generation FROM consumer_state WHERE consumer = 'calendar'`,
      );
      expect(next?.last_generation).toBe(3);
    } finally {
      await readModels.close();
    }
  });
});
