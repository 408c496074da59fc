import type { EventStore } from '@app/event-store';
import { createEmbeddedEventStore, PgliteDatabase } from '@app/event-store/embedded';
import { createEmbeddedReadModels, type ReadModels } from './read-models';
import { SessionWriter, uniqueSchema } from './testing';

jest.setTimeout(60_000);

/**
 * The embedded default as `npm start` runs it: the event store and the read models on ONE PGlite,
 * the projector following the store's own subscription in the same process.
 */
describe('read models and the embedded event store sharing one PGlite', () => {
  let database: PgliteDatabase;
  let eventStore: EventStore;
  let readModels: ReadModels;

  beforeAll(async () => {
    database = await PgliteDatabase.open();
    eventStore = await createEmbeddedEventStore({ database, schema: uniqueSchema('es_emb') });
    readModels = await createEmbeddedReadModels({ database, schema: uniqueSchema('rm_emb') });
  });
  afterAll(async () => {
    await readModels.close();
    await eventStore.close();
    await database.close();
  });

  it('projects live appends, deletes included, and answers read-your-writes', async () => {
    const writer = new SessionWriter(eventStore);
    const projector = readModels.createProjector(eventStore, { batchSize: 20 });
    projector.start();
    try {
      for (let i = 0; i < 40; i += 1) {
        await writer.schedule({
          sessionId: `e${i}`,
          professionalId: 'pro-1',
          startsAt: '2026-03-10T09:00:00.000Z',
        });
      }
      await writer.cancel('e1', 'pro-1', {
        reason: 'other',
        note: 'mine',
        cancelledAt: '2026-03-09T09:00:00.000Z',
      });
      const { position } = await writer.delete('e2', 'pro-1', '2026-03-05T00:00:00.000Z');
      await readModels.waitForPosition(['calendar', 'reporting', 'deletions'], position, 10_000);
      const answer = await readModels.calendar.calendarOf({
        professionalId: 'pro-1',
        from: '2026-03-10T00:00:00.000Z',
        to: '2026-03-11T00:00:00.000Z',
        viewer: { userId: 'pro-1', role: 'professional' },
      });
      expect(answer.sessions).toHaveLength(39);
      expect(answer.sessions.find((s) => s.sessionId === 'e1')).toMatchObject({
        note: 'mine',
        // Exactly 24 hours of notice is not late (late is notice < 24 h).
        late: false,
        notificationRequested: true,
      });
      const report = await readModels.reporting.cancellationReport({
        from: '2026-03-10',
        to: '2026-03-11',
      });
      expect(report.totals).toMatchObject({
        scheduled: 39,
        cancellations: 1,
        notificationShare: 1,
      });
      const statuses = await projector.status();
      expect(statuses.every((s) => s.state === 'running' && s.lagEvents === 0)).toBe(true);
    } finally {
      await projector.stop();
    }
  });
});
