import { deletedSessionsAmong } from '../../deletion';
import { applyOnce } from '../apply-once';
import { projectToHead } from '../catch-up';
import type { SuiteContext } from './context';

/** Deleted sessions: rows removed, later and lagging events skipped, rebuilds included. */
export function deletionCases(context: SuiteContext): void {
  it('removes a deleted session everywhere and never brings it back, lagging events and rebuilds included', async () => {
    const { readModels, store, writer, calendar } = context;
    await writer.schedule({
      sessionId: 'keep',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T09:00:00.000Z',
    });
    await writer.schedule({
      sessionId: 'gone',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T11:00:00.000Z',
    });
    await projectToHead(readModels, store);
    expect(
      (await calendar('pro-1', '2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z')).sessions,
    ).toHaveLength(2);

    // The deletion record first; the stream is not removed yet and a cancel lands after it.
    await writer.delete('gone', 'pro-1', '2026-03-05T10:00:00.000Z', { removeStream: false });
    await writer.cancel('gone', 'pro-1', {
      reason: 'cancelled-by-client',
      cancelledAt: '2026-03-05T10:00:01.000Z',
      notify: true,
    });
    await store.deleteStream('session-gone');
    await projectToHead(readModels, store);

    const day = { from: '2026-03-10', to: '2026-03-11' };
    const check = async (): Promise<void> => {
      const answer = await calendar(
        'pro-1',
        '2026-03-10T00:00:00.000Z',
        '2026-03-11T00:00:00.000Z',
      );
      expect(answer.sessions.map((s) => s.sessionId)).toEqual(['keep']);
      const report = await readModels.reporting.cancellationReport(day);
      expect(report.totals.scheduled).toBe(1);
      expect(report.totals.cancellations).toBe(0);
    };
    await check();

    const deletions = await readModels.deletions.list({
      from: '2026-03-05T00:00:00.000Z',
      to: '2026-03-06T00:00:00.000Z',
    });
    expect(deletions.deletions).toEqual([
      expect.objectContaining({
        sessionId: 'gone',
        professionalId: 'pro-1',
        deletedBy: { userId: 'pro-1', role: 'professional' },
        deletedAt: '2026-03-05T10:00:00.000Z',
        reason: 'booked-by-mistake',
      }),
    ]);
    expect(
      (
        await readModels.deletions.list({
          from: '2026-03-05T00:00:00.000Z',
          to: '2026-03-05T10:00:00.000Z',
        })
      ).deletions,
    ).toEqual([]);
    expect(
      (
        await readModels.deletions.list({
          from: '2026-03-05T00:00:00.000Z',
          to: '2026-03-06T00:00:00.000Z',
          professionalId: 'pro-2',
        })
      ).deletions,
    ).toEqual([]);

    // The store still holds the deleted stream's events in readAll (like EventStoreDB before a
    // scavenge): a rebuild from 0 must skip them.
    for (const name of ['calendar', 'reporting', 'deletions']) {
      await readModels.rebuild(store, name);
    }
    await check();
  });

  it('skips a deleted session on a rebuild even when the deletion projection is behind', async () => {
    const { readModels, store, writer, calendar } = context;
    await writer.schedule({
      sessionId: 'x',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T09:00:00.000Z',
    });
    await writer.delete('x', 'pro-1', '2026-03-05T10:00:00.000Z');
    await readModels.rebuild(store, 'calendar');
    const answer = await calendar('pro-1', '2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z');
    expect(answer.sessions).toEqual([]);
  });

  it('skips the events of a session the deletion records already hold, while a projection lags', async () => {
    const { readModels, store, writer, calendar } = context;
    await writer.schedule({
      sessionId: 'lagging',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T09:00:00.000Z',
    });
    await writer.delete('lagging', 'pro-1', '2026-03-05T10:00:00.000Z');
    // Only the deletion records are up to date; the calendar then reads the schedule alone.
    const events = await store.readAll({ maxCount: 10 });
    await applyOnce(readModels.executor, store, {
      definition: readModels.projections[0],
      expected: undefined,
      events,
    });
    const result = await applyOnce(readModels.executor, store, {
      definition: readModels.projections[1],
      expected: undefined,
      events: events.slice(0, 1),
      deletedSessions: deletedSessionsAmong,
    });
    expect(result).toMatchObject({ applied: true, skippedDeleted: 1 });
    const answer = await calendar('pro-1', '2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z');
    expect(answer.sessions).toEqual([]);
  });
}
