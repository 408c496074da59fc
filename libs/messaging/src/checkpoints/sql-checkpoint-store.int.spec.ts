import { randomUUID } from 'node:crypto';
import { createPgPool, PgDatabase, PgliteDatabase, type SqlDatabase } from '@app/event-store';
import { describeWithService } from '@test/support/requires-service';
import { SqlCheckpointStore } from './sql-checkpoint-store';

jest.setTimeout(60_000);

function checkpointCases(open: () => Promise<{ db: SqlDatabase; schema: string }>): void {
  it('answers undefined before the first save, then the last position saved, beyond bigint range', async () => {
    const { db, schema } = await open();
    const store = await SqlCheckpointStore.open(db, schema);
    await SqlCheckpointStore.open(db, schema); // idempotent
    expect(await store.load('p')).toBeUndefined();
    await store.save('p', '42');
    await store.save('p', '123456789012345678901234567890');
    await store.save('other', '7');
    expect(await store.load('p')).toBe('123456789012345678901234567890');
    expect(await store.load('other')).toBe('7');
    await expect(store.save('p', '-1')).rejects.toThrow();
  });
}

describe('SQL checkpoint store on PGlite', () => {
  let db: PgliteDatabase;
  beforeAll(async () => {
    db = await PgliteDatabase.open();
  });
  afterAll(() => db.close());
  checkpointCases(() => Promise.resolve({ db, schema: 'messaging' }));
});

describeWithService('postgres', 'SQL checkpoint store on PostgreSQL', (url) => {
  let db: PgDatabase;
  const schema = `msg_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  beforeAll(() => {
    db = new PgDatabase(
      createPgPool({ connectionString: url, max: 2, onConnectionError: () => undefined }),
      true,
    );
  });
  afterAll(async () => {
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  });
  checkpointCases(() => Promise.resolve({ db, schema }));
});
