import { deletedSessionsAmong } from '../../deletion';
import { createNextGeneration, generationTableNames, projectedEvents } from '../../runner';
import { projectToHead } from '../catch-up';
import { snapshotActive, snapshotGeneration } from '../snapshot';
import type { SuiteContext } from './context';

/** Every projection applied twice per batch leaves the rows of a single application. */
export function idempotencyCases(context: SuiteContext): void {
  it('leaves the same rows when every batch is applied twice', async () => {
    const { readModels, store, writer } = context;
    for (let i = 0; i < 12; i += 1) {
      await writer.schedule({
        sessionId: `t${i}`,
        professionalId: `pro-${i % 3}`,
        startsAt: `2026-03-1${i % 5}T10:00:00.000Z`,
      });
    }
    for (let i = 0; i < 12; i += 2) {
      await writer.cancel(`t${i}`, `pro-${i % 3}`, {
        reason: i % 4 === 0 ? 'client-no-show' : 'other',
        note: i % 4 === 0 ? undefined : 'private',
        cancelledAt: `2026-03-1${i % 5}T10:30:00.000Z`,
        charge: i % 4 === 0 ? { method: 'invoice', amountMinor: 5000, currency: 'EUR' } : undefined,
        notify: i % 3 === 0,
      });
    }
    await writer.delete('t3', 'pro-0', '2026-03-02T00:00:00.000Z');
    await projectToHead(readModels, store);
    const once = await snapshotActive(readModels.executor, readModels.projections);

    const events = await store.readAll({ maxCount: 10_000 });
    for (const definition of readModels.projections) {
      const generation = await createNextGeneration(readModels.executor, definition);
      const names = generationTableNames(generation);
      for (let start = 0; start < events.length; start += 7) {
        const batch = events.slice(start, start + 7);
        await readModels.executor.transaction(async (tx) => {
          const { kept } = await projectedEvents(tx, definition, batch, deletedSessionsAmong);
          await definition.apply(tx, kept, names);
          await definition.apply(tx, kept, names);
        });
      }
      const twice = await snapshotGeneration(readModels.executor, definition, generation);
      expect(twice).toEqual(once[definition.name]);
    }
  });
}
