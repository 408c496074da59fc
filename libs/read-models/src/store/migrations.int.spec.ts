import { describeWithService } from '@test/support/requires-service';
import { Client } from 'pg';
import { uniqueSchema } from '../testing';
import { migrateReadModels, READ_MODEL_MIGRATIONS } from './migrations';
import { createPgExecutor } from '@app/consumers';

jest.setTimeout(30_000);

describeWithService('postgres', 'read-model migrations on PostgreSQL', (url) => {
  const schema = uniqueSchema('rm_migr');
  afterAll(async () => {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('migrates once when replicas start together, and not again later', async () => {
    const executors = [1, 2, 3].map(() => createPgExecutor({ connectionString: url, schema }));
    try {
      const applied = await Promise.all(executors.map((executor) => migrateReadModels(executor)));
      const all = READ_MODEL_MIGRATIONS.map((m) => m.version);
      expect(applied.flat().sort()).toEqual(all);
      expect(await migrateReadModels(executors[0])).toEqual([]);
      const rows = await executors[0].query<{ version: number }>(
        'SELECT version FROM read_model_migrations ORDER BY version',
      );
      expect(rows.map((row) => row.version)).toEqual(all);
    } finally {
      await Promise.all(executors.map((executor) => executor.close()));
    }
  });
});
