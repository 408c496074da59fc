import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreConformance } from '../testing/conformance';
import { embeddedHarness } from '../testing/embedded-harness';
import { describeSqlStoreCases } from '../testing/sql-store-cases';
import { freshStreamId, newEvents } from '../testing/conformance-fixtures';
import type { SqlEventStore } from '../sql';
import { createEmbeddedEventStore } from './embedded-event-store';
import { PgliteDatabase } from './pglite-database';

jest.setTimeout(60_000);

describe('embedded event store (PGlite)', () => {
  beforeAll(() => {
    process.stdout.write('\n[event-store] embedded: PGlite in memory (PostgreSQL 18 in WASM)\n');
  });

  describeEventStoreConformance(embeddedHarness());

  describe('beyond the port', () => {
    let db: PgliteDatabase;
    let store: SqlEventStore;
    beforeAll(async () => {
      db = await PgliteDatabase.open();
      store = await createEmbeddedEventStore({ database: db, schema: 'embedded_cases' });
    });
    afterAll(async () => {
      await store.close();
      await db.close();
    });

    describeSqlStoreCases('embedded', () => ({ store, db }));

    it('keeps its data in a folder across a restart', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'event-store-'));
      try {
        const streamId = freshStreamId();
        const first = await createEmbeddedEventStore({ dataDir });
        const written = await first.append(streamId, newEvents(2), 'no-stream');
        await first.close();
        const reopened = await createEmbeddedEventStore({ dataDir });
        try {
          const events = await reopened.readStream(streamId);
          expect(events.map((event) => event.streamVersion)).toEqual([0, 1]);
          expect(events[1]?.position).toBe(written.position);
        } finally {
          await reopened.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('shares its database: closing the store leaves a shared PGlite open', async () => {
      const second = await createEmbeddedEventStore({ database: db, schema: 'embedded_shared' });
      await second.close();
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    });
  });
});
