import { describeWithService } from '@test/support/requires-service';
import { Client } from 'pg';
import { createPostgresReadModels } from './read-models';
import { readModelSuite } from './testing/suite';
import { uniqueSchema } from './testing';

jest.setTimeout(60_000);

describeWithService('postgres', 'read models on PostgreSQL', (url) => {
  const schemas: string[] = [];
  afterAll(async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });
  readModelSuite(() => {
    const schema = uniqueSchema('rm_pg');
    schemas.push(schema);
    return createPostgresReadModels({ connectionString: url, schema });
  });
});
