import {
  listSetAside,
  readActiveCheckpoint,
  retrySetAside,
  type ConsumerStatus,
} from '@app/consumers';
import type { JsonObject } from '@app/event-store';
import { projectToHead } from '../catch-up';
import { mendableStore } from '@app/consumers/testing';
import { waitUntil } from '../wait-until';
import { auditor, type SuiteContext } from './context';

const DAY = { from: '2026-03-10T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z' };
const at = (hour: number): string => `2026-03-10T${String(hour).padStart(2, '0')}:00:00.000Z`;
const pro2 = { userId: 'pro-2', role: 'professional' };

/** A string where the fee's amountMinor is a number: no projection can apply it. */
const amountAsString = (data: JsonObject): JsonObject => ({
  ...data,
  fee: { amountMinor: '12000', currency: 'EUR' },
});

const setAsideOf = (statuses: readonly ConsumerStatus[], name: string): string[] =>
  statuses.find((s) => s.name === name)?.setAside.map((s) => s.sessionId) ?? [];

/**
 * Events a projection cannot apply (written straight into the store): their session is set
 * aside, named in the status and in the answers that would include it, and every other session
 * keeps flowing; deleting it clears it, a retry after the cause is removed applies it in order,
 * and a rebuild with one in the log finishes.
 */
export function poisonCases(context: SuiteContext): void {
  it('sets aside a session whose event cannot be applied and carries on with every other one', async () => {
    const { readModels, store, writer, calendar } = context;
    await writer.schedule({ sessionId: 'ok-1', professionalId: 'pro-1', startsAt: at(9) });
    await writer.scheduleMalformed(
      { sessionId: 'bad-fee', professionalId: 'pro-2', startsAt: at(9) },
      amountAsString,
    );
    // Later events of a set-aside session are skipped too, valid as they are.
    await writer.cancel('bad-fee', 'pro-2', { reason: 'cancelled-by-client', cancelledAt: at(7) });
    await writer.schedule({ sessionId: 'bad-cancel', professionalId: 'pro-2', startsAt: at(11) });
    // An instant that is not one.
    await writer.appendRaw(
      'bad-cancel',
      'SessionCancelled',
      { reason: 'cancelled-by-client', noticeMinutes: 60, late: true, cancelledAt: 'yesterday' },
      'pro-2',
      at(10),
    );
    await writer.cancel('ok-1', 'pro-1', { reason: 'client-no-show', cancelledAt: at(9) });
    await writer.schedule({ sessionId: 'ok-2', professionalId: 'pro-2', startsAt: at(14) });
    // Every projection reaches the head: read-your-writes waits of everyone keep working.
    await projectToHead(readModels, store);

    const mine = await calendar('pro-1', DAY.from, DAY.to);
    expect(mine.setAside).toEqual([]);
    expect(mine.sessions.map((s) => [s.sessionId, s.status, s.reason])).toEqual([
      ['ok-1', 'cancelled', 'client-no-show'],
    ]);
    const theirs = await calendar('pro-2', DAY.from, DAY.to, pro2);
    expect(theirs.setAside).toEqual(['bad-cancel', 'bad-fee']);
    // The schedule of bad-cancel was applied before its cancellation failed; nothing after it.
    expect(theirs.sessions.map((s) => [s.sessionId, s.status])).toEqual([
      ['bad-cancel', 'scheduled'],
      ['ok-2', 'scheduled'],
    ]);
    // Answers that would not include them do not list them.
    const afternoon = await calendar('pro-2', at(13), DAY.to, pro2);
    expect(afternoon.setAside).toEqual([]);
    expect((await calendar('pro-2', DAY.from, DAY.to, auditor)).setAside).toEqual([
      'bad-cancel',
      'bad-fee',
    ]);

    const period = { from: '2026-03-10', to: '2026-03-11' };
    const report = await readModels.reporting.cancellationReport({
      ...period,
      professionalId: 'pro-2',
    });
    expect(report.setAside).toEqual(['bad-cancel', 'bad-fee']);
    expect(report.totals).toMatchObject({ scheduled: 2, cancellations: 0 });
    const own = await readModels.reporting.cancellationReport({
      ...period,
      professionalId: 'pro-1',
    });
    expect(own).toMatchObject({ setAside: [], totals: { scheduled: 1, noShows: 1 } });
    const everyone = await readModels.reporting.cancellationReport(period);
    expect(everyone.setAside).toEqual(['bad-cancel', 'bad-fee']);
    const nextDay = await readModels.reporting.cancellationReport({
      from: '2026-03-11',
      to: '2026-03-12',
    });
    expect(nextDay.setAside).toEqual([]);

    const statuses = await readModels.createProjector(store).status();
    expect(setAsideOf(statuses, 'calendar')).toEqual(['bad-fee', 'bad-cancel']);
    expect(setAsideOf(statuses, 'reporting')).toEqual(['bad-fee', 'bad-cancel']);
    // The deletion records read no schedule or cancellation: nothing to set aside there.
    expect(setAsideOf(statuses, 'deletions')).toEqual([]);
    const calendarStatus = statuses.find((s) => s.name === 'calendar');
    expect(calendarStatus?.health).toEqual({
      state: 'degraded',
      reasons: ['2 session(s) set aside: bad-fee, bad-cancel'],
    });
    expect(calendarStatus?.setAside[0]).toMatchObject({
      sessionId: 'bad-fee',
      event: { streamId: 'session-bad-fee', type: 'SessionScheduled' },
      errorCode: 'malformed-event',
      errorMessage: 'SessionScheduled.fee.amountMinor: expected an integer, got a string',
      context: { professionalId: 'pro-2', startsAt: at(9) },
    });
    expect(calendarStatus?.setAside[1]).toMatchObject({
      sessionId: 'bad-cancel',
      event: { type: 'SessionCancelled' },
      errorMessage: 'SessionCancelled.cancelledAt: expected an ISO-8601 instant with an offset',
    });
    expect(statuses.find((s) => s.name === 'deletions')?.health.state).toBe('up');
  });

  it('clears a set-aside session once deleted, and applies one in order when retried after the cause is removed', async () => {
    const { readModels, writer, calendar } = context;
    const mendable = mendableStore(context.store);
    await writer.scheduleMalformed(
      { sessionId: 'mend-me', professionalId: 'pro-2', startsAt: at(9) },
      amountAsString,
    );
    await writer.cancel('mend-me', 'pro-2', {
      reason: 'other',
      note: 'private',
      cancelledAt: at(7),
    });
    await writer.scheduleMalformed(
      { sessionId: 'delete-me', professionalId: 'pro-2', startsAt: at(12) },
      amountAsString,
    );
    const projector = readModels.createProjector(mendable.store, { retryPollMs: 10 });
    projector.start();
    try {
      await projector.waitForPosition((await context.store.headPosition())!, 10_000);
      const setAside = async (): Promise<string[]> =>
        setAsideOf(await projector.status(), 'calendar');
      expect(await setAside()).toEqual(['mend-me', 'delete-me']);

      // The cause is still there: the retry fails again and the session stays set aside.
      const early = await retrySetAside(readModels.executor, 'calendar', 'mend-me');
      expect(early).toMatchObject({ requested: ['mend-me'], cleared: [], pending: [] });
      expect(early.failed).toEqual([
        {
          sessionId: 'mend-me',
          error: 'SessionScheduled.fee.amountMinor: expected an integer, got a string',
        },
      ]);
      expect((await projector.status())[1]?.setAside[0]?.retry.attempts).toBe(1);

      // Deleting the session erases it everywhere, and its record with it.
      const { position } = await writer.delete('delete-me', 'pro-2', '2026-03-05T00:00:00.000Z');
      await projector.waitForPosition(position, 10_000);
      expect(await setAside()).toEqual(['mend-me']);

      // An upcaster now mends the data: a retry applies its events in order, schedule then cancel.
      mendable.mend('SessionScheduled', (data) => ({
        ...data,
        fee: {
          ...(data.fee as JsonObject),
          amountMinor: Number((data.fee as JsonObject).amountMinor),
        },
      }));
      const retried = await retrySetAside(readModels.executor, 'calendar');
      expect(retried).toEqual({
        consumer: 'calendar',
        requested: ['mend-me'],
        cleared: ['mend-me'],
        failed: [],
        pending: [],
      });
      expect(await setAside()).toEqual([]);
      const answer = await calendar('pro-2', DAY.from, DAY.to, {
        userId: 'pro-2',
        role: 'professional',
      });
      expect(answer.setAside).toEqual([]);
      expect(answer.sessions).toMatchObject([
        {
          sessionId: 'mend-me',
          status: 'cancelled',
          reason: 'other',
          note: 'private',
          fee: { amountMinor: 12000, currency: 'EUR' },
        },
      ]);
      // Events after the retry flow as for any session.
      const later = await writer.appendRaw(
        'mend-me',
        'NotificationRequested',
        { channel: 'default' },
        'pro-2',
        at(8),
      );
      await projector.waitForPosition(later.position, 10_000);
      expect(
        (await calendar('pro-2', DAY.from, DAY.to, auditor)).sessions[0]?.notificationRequested,
      ).toBe(true);
    } finally {
      await projector.stop();
    }
  });

  it('finishes a rebuild with a poison event in the log; the new generation keeps its own list', async () => {
    const { readModels, store, writer, calendar } = context;
    await writer.scheduleMalformed(
      { sessionId: 'poison', professionalId: 'pro-2', startsAt: at(9) },
      amountAsString,
    );
    for (let i = 0; i < 5; i += 1) {
      await writer.schedule({
        sessionId: `fine-${i}`,
        professionalId: 'pro-2',
        startsAt: at(10 + i),
      });
    }
    await projectToHead(readModels, store);
    const before = await readActiveCheckpoint(readModels.executor, 'calendar');
    const result = await readModels.rebuild(store, 'calendar', { batchSize: 2 });
    expect(result).toMatchObject({ eventsDone: 6, setAside: ['poison'] });
    expect(result.position).toBe(await store.headPosition());
    const answer = await calendar('pro-2', DAY.from, DAY.to, auditor);
    expect(answer.sessions).toHaveLength(5);
    expect(answer.setAside).toEqual(['poison']);
    // The replaced generation's list went with it; the new one lists the session once.
    expect(
      (await listSetAside(readModels.executor, 'calendar', before?.generation ?? 0)).count,
    ).toBe(0);
    expect(
      (await listSetAside(readModels.executor, 'calendar', result.generation)).sessions.map(
        (s) => s.sessionId,
      ),
    ).toEqual(['poison']);
    await waitUntil(
      async () =>
        setAsideOf(await readModels.createProjector(store).status(), 'calendar').length === 1,
    );
  });
}
