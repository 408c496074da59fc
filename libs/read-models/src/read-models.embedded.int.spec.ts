import { PgliteDatabase } from '@app/event-store/embedded';
import { createEmbeddedReadModels } from './read-models';
import { readModelSuite } from './testing/suite';
import { uniqueSchema } from './testing';

jest.setTimeout(60_000);

describe('read models on the embedded store (PGlite)', () => {
  // One PGlite per file (it takes seconds to start); each test gets its own schema.
  let database: PgliteDatabase;
  beforeAll(async () => {
    database = await PgliteDatabase.open();
  });
  afterAll(async () => {
    await database.close();
  });
  readModelSuite(() => createEmbeddedReadModels({ database, schema: uniqueSchema('rm_emb') }));
});
