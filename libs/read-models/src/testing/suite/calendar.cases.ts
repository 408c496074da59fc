import { projectToHead } from '../catch-up';
import { auditor, type SuiteContext } from './context';

/** Calendar rows, the [from, to) overlap and the private note. */
export function calendarCases(context: SuiteContext): void {
  it('projects scheduled, cancelled, charged and notified sessions into the calendar', async () => {
    const { readModels, store, writer, calendar } = context;
    await writer.schedule({
      sessionId: 's1',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T09:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    await writer.schedule({
      sessionId: 's2',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T11:00:00.000Z',
    });
    await writer.schedule({
      sessionId: 's3',
      professionalId: 'pro-2',
      startsAt: '2026-03-10T11:00:00.000Z',
    });
    await writer.cancel('s2', 'pro-1', {
      reason: 'cancelled-by-client',
      cancelledAt: '2026-03-09T20:00:00.000Z',
      charge: { method: 'card', amountMinor: 9000, currency: 'EUR' },
      notify: true,
    });
    await projectToHead(readModels, store);

    const answer = await calendar('pro-1', '2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z');
    expect(answer.position).toBe(await store.headPosition());
    expect(answer.sessions.map((s) => s.sessionId)).toEqual(['s1', 's2']);
    const [s1, s2] = answer.sessions;
    expect(s1).toMatchObject({
      status: 'scheduled',
      startsAt: '2026-03-10T09:00:00.000Z',
      endsAt: '2026-03-10T09:50:00.000Z',
      timeZone: 'Europe/Berlin',
      reason: null,
      charge: null,
      notificationRequested: false,
      hasPrivateNote: false,
    });
    expect(s2).toMatchObject({
      status: 'cancelled',
      reason: 'cancelled-by-client',
      reasonLabel: 'Cancelled by client',
      late: true,
      noticeMinutes: 900,
      cancelledAt: '2026-03-09T20:00:00.000Z',
      charge: { method: 'card', amountMinor: 9000, currency: 'EUR' },
      notificationRequested: true,
    });
  });

  it('answers sessions overlapping [from, to) and shows the note to its owner only', async () => {
    const { readModels, store, writer, calendar } = context;
    await writer.schedule({
      sessionId: 'a',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T08:30:00.000Z',
      durationMinutes: 60,
    });
    await writer.schedule({
      sessionId: 'b',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T10:00:00.000Z',
      durationMinutes: 30,
    });
    await writer.schedule({
      sessionId: 'c',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T07:00:00.000Z',
      durationMinutes: 60,
    });
    await writer.cancel('b', 'pro-1', {
      reason: 'other',
      note: 'family matter',
      cancelledAt: '2026-03-01T10:00:00.000Z',
      notify: false,
    });
    await projectToHead(readModels, store);

    // [09:00, 10:00): a ends 09:30 (overlaps), b starts at 10:00 (excluded), c ends 08:00.
    const window = await calendar('pro-1', '2026-03-10T09:00:00.000Z', '2026-03-10T10:00:00.000Z');
    expect(window.sessions.map((s) => s.sessionId)).toEqual(['a']);
    const edge = await calendar('pro-1', '2026-03-10T08:00:00.000Z', '2026-03-10T08:30:00.000Z');
    expect(edge.sessions.map((s) => s.sessionId)).toEqual([]);

    const mine = await calendar('pro-1', '2026-03-10T10:00:00.000Z', '2026-03-10T11:00:00.000Z');
    expect(mine.sessions[0]).toMatchObject({
      note: 'family matter',
      hasPrivateNote: true,
      late: false,
    });
    const theirs = await calendar(
      'pro-1',
      '2026-03-10T10:00:00.000Z',
      '2026-03-10T11:00:00.000Z',
      auditor,
    );
    expect(theirs.sessions[0]?.hasPrivateNote).toBe(true);
    expect(theirs.sessions[0]).not.toHaveProperty('note');
    expect(JSON.stringify(theirs)).not.toContain('family matter');
  });
}
