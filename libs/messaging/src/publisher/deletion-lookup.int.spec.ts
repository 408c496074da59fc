import { randomUUID } from 'node:crypto';
import { createEmbeddedEventStore, PgliteDatabase } from '@app/event-store/embedded';
import { appendAll, deleted, scheduled } from '../testing';
import { eventStoreDeletionLookup, sqlDeletionLookup } from './deletion-lookup';

jest.setTimeout(60_000);

describe('Deletion lookups', () => {
  let db: PgliteDatabase;
  beforeAll(async () => {
    db = await PgliteDatabase.open();
  });
  afterAll(() => db.close());

  it('agree: the SQL lookup reads the streams table of libs/event-store as the port sees it', async () => {
    const schema = 'lookup_case';
    const store = await createEmbeddedEventStore({ database: db, schema });
    const [live, erased, half, never] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await appendAll(store, [
      scheduled(live),
      scheduled(erased),
      scheduled(half),
      deleted(erased),
      deleted(half),
    ]);
    await store.deleteStream(`session-${erased}`);
    const ids = [live, erased, half, never];
    const expected = new Set([erased, half]);
    await expect(eventStoreDeletionLookup(store).deletedAmong(ids)).resolves.toEqual(expected);
    await expect(sqlDeletionLookup(db, schema).deletedAmong(ids)).resolves.toEqual(expected);
    await expect(sqlDeletionLookup(db, schema).deletedAmong([])).resolves.toEqual(new Set());
  });
});
