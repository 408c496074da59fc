import { readActiveCheckpoint } from '@app/consumers';
import type { SuiteContext } from './context';

/** A rebuild beside the live projector, answering all along, then swapping atomically. */
export function rebuildCases(context: SuiteContext): void {
  it('rebuilds while the live projector runs and queries keep answering, then swaps atomically', async () => {
    const { readModels, store, writer, calendar } = context;
    for (let i = 0; i < 120; i += 1) {
      await writer.schedule({
        sessionId: `rb${i}`,
        professionalId: 'pro-1',
        startsAt: '2026-03-10T09:00:00.000Z',
      });
    }
    const projector = readModels.createProjector(store, { batchSize: 10 });
    projector.start();
    try {
      await projector.waitForPosition((await store.headPosition())!, 10_000);
      const before = await readActiveCheckpoint(readModels.executor, 'calendar');
      const progress: number[] = [];
      const duringRebuild: Array<Promise<number>> = [];
      const result = await readModels.rebuild(store, 'calendar', {
        batchSize: 25,
        onProgress: (p) => {
          progress.push(p.eventsDone);
          expect(p.eventsPerSecond).toBeGreaterThanOrEqual(0);
          duringRebuild.push(
            calendar('pro-1', '2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z').then(
              (answer) => answer.sessions.length,
            ),
          );
        },
      });
      // The active generation answered in full while the new one was being filled.
      expect(await Promise.all(duringRebuild)).toEqual([120, 120, 120, 120, 120]);
      // Appends after the swap land in the new generation through the live runner.
      for (let i = 120; i < 130; i += 1) {
        await writer.schedule({
          sessionId: `rb${i}`,
          professionalId: 'pro-1',
          startsAt: '2026-03-10T09:00:00.000Z',
        });
      }
      expect(progress).toEqual([25, 50, 75, 100, 120]);
      expect(result.generation).toBe((before?.generation ?? 0) + 1);
      await projector.waitForPosition((await store.headPosition())!, 10_000);
      const after = await readActiveCheckpoint(readModels.executor, 'calendar');
      expect(after?.generation).toBe(result.generation);
      const answer = await calendar(
        'pro-1',
        '2026-03-10T00:00:00.000Z',
        '2026-03-11T00:00:00.000Z',
      );
      expect(answer.sessions).toHaveLength(130);
      expect(answer.position).toBe(await store.headPosition());
    } finally {
      await projector.stop();
    }
  });
}
