import {
  createPgliteExecutor,
  migrateConsumerStore,
  readActiveCheckpoint,
  type SchemaDatabase,
} from '@app/consumers';
import { PgliteDatabase } from '@app/event-store/embedded';
import { importLegacyCheckpoint } from './legacy-checkpoint';

jest.setTimeout(60_000);

describe('upgrading the publisher from before the consumer core', () => {
  let database: PgliteDatabase;
  let db: SchemaDatabase;
  beforeAll(async () => {
    database = await PgliteDatabase.open();
    db = await createPgliteExecutor({ database, schema: 'read_models' });
    await migrateConsumerStore(db);
  });
  afterAll(() => database.close());

  it('resumes from the checkpoint the old table holds, then drops the old table', async () => {
    await database.query('CREATE SCHEMA messaging');
    await database.query(
      `CREATE TABLE messaging.publisher_checkpoints (name text PRIMARY KEY, position text NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now())`,
    );
    await database.query(
      `INSERT INTO messaging.publisher_checkpoints (name, position)
       VALUES ('kafka-publisher', '123456789012345678901234567890'), ('other', '7')`,
    );
    await importLegacyCheckpoint(db, 'kafka-publisher');
    expect((await readActiveCheckpoint(db, 'kafka-publisher'))?.position).toBe(
      '123456789012345678901234567890',
    );
    // Another publisher's row stays for it; the table goes with the last one.
    const [left] = await database.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM messaging.publisher_checkpoints',
    );
    expect(left?.n).toBe('1');
    await importLegacyCheckpoint(db, 'other');
    expect((await readActiveCheckpoint(db, 'other'))?.position).toBe('7');
    const [table] = await database.query<{ found: string | null }>(
      `SELECT to_regclass('messaging.publisher_checkpoints')::text AS found`,
    );
    expect(table?.found).toBeNull();
    // Later starts change nothing.
    await importLegacyCheckpoint(db, 'kafka-publisher');
    expect((await readActiveCheckpoint(db, 'kafka-publisher'))?.position).toBe(
      '123456789012345678901234567890',
    );
  });

  it('keeps a checkpoint the consumer store already moved', async () => {
    await importLegacyCheckpoint(db, 'moved');
    await db.query(
      `UPDATE consumer_checkpoints SET position = 50 WHERE consumer = 'moved' AND generation = 1`,
    );
    await database.query('CREATE TABLE messaging.publisher_checkpoints (name text, position text)');
    await database.query(`INSERT INTO messaging.publisher_checkpoints VALUES ('moved', '10')`);
    await importLegacyCheckpoint(db, 'moved');
    expect((await readActiveCheckpoint(db, 'moved'))?.position).toBe('50');
  });
});
