import { randomUUID } from 'node:crypto';
import { createEmbeddedEventStore, PgliteDatabase } from '@app/event-store/embedded';
import { appendAll, deleted, scheduled } from '../testing';
import { eventStoreDeletionLookup } from './deletion-lookup';

jest.setTimeout(60_000);

describe('The deletion lookup', () => {
  let db: PgliteDatabase;
  beforeAll(async () => {
    db = await PgliteDatabase.open();
  });
  afterAll(() => db.close());

  it('finds the sessions with a deletion record, whether or not their session stream is deleted', async () => {
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
    await expect(eventStoreDeletionLookup(store).deletedAmong([])).resolves.toEqual(new Set());
  });
});
