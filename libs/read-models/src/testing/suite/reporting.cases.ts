import { projectToHead } from '../catch-up';
import { owner, type SuiteContext } from './context';

/** Report figures on crafted cases: zones, period bounds, null ratios, grouping. */
export function reportingCases(context: SuiteContext): void {
  it('counts a session on its start day in the report time zone, from inclusive, to exclusive', async () => {
    const { readModels, store, writer } = context;
    // 23:30 UTC on the 9th is 00:30 on the 10th in Berlin (CET, +01:00).
    await writer.schedule({
      sessionId: 'late-evening',
      professionalId: 'pro-1',
      startsAt: '2026-03-09T23:30:00.000Z',
    });
    await writer.schedule({
      sessionId: 'midnight-utc',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T00:00:00.000Z',
    });
    await writer.schedule({
      sessionId: 'to-edge',
      professionalId: 'pro-2',
      startsAt: '2026-03-10T23:00:00.000Z',
    });
    await projectToHead(readModels, store);

    const utc = await readModels.reporting.cancellationReport({
      from: '2026-03-10',
      to: '2026-03-11',
    });
    expect(utc.tz).toBe('UTC');
    expect(utc.totals.scheduled).toBe(2); // midnight-utc, to-edge
    const berlin = await readModels.reporting.cancellationReport({
      from: '2026-03-10',
      to: '2026-03-11',
      tz: 'Europe/Berlin',
    });
    expect(berlin.totals.scheduled).toBe(2); // late-evening, midnight-utc; to-edge is 00:00 on the 11th
    const berlinDays = await readModels.reporting.cancellationReport({
      from: '2026-03-09',
      to: '2026-03-12',
      tz: 'Europe/Berlin',
      groupBy: 'day',
    });
    expect(berlinDays.groups.map((g) => [g.key, 'scheduled' in g ? g.scheduled : -1])).toEqual([
      ['2026-03-10', 2],
      ['2026-03-11', 1],
    ]);
    const empty = await readModels.reporting.cancellationReport({
      from: '2026-03-10',
      to: '2026-03-10',
    });
    expect(empty.totals).toMatchObject({ scheduled: 0, noShowRate: null, notificationShare: null });
  });

  it('computes every figure and groups by reason, professional and day', async () => {
    const { readModels, store, writer } = context;
    const start = (day: number, hour = 10): string =>
      `2026-04-0${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
    await writer.schedule({ sessionId: 'r1', professionalId: 'pro-1', startsAt: start(1) });
    await writer.schedule({ sessionId: 'r2', professionalId: 'pro-1', startsAt: start(1, 12) });
    await writer.schedule({
      sessionId: 'r3',
      professionalId: 'pro-1',
      startsAt: start(2),
      payment: { kind: 'sponsored-credits', credits: 2 },
    });
    await writer.schedule({ sessionId: 'r4', professionalId: 'pro-2', startsAt: start(2) });
    await writer.schedule({ sessionId: 'r5', professionalId: 'pro-2', startsAt: start(3) });
    await writer.schedule({
      sessionId: 'r6',
      professionalId: 'pro-2',
      startsAt: start(3, 14),
      fee: { amountMinor: 8000, currency: 'USD' },
    });
    // r1: no-show, charged by card, notified.
    await writer.cancel('r1', 'pro-1', {
      reason: 'client-no-show',
      cancelledAt: start(1, 11),
      charge: { method: 'card', amountMinor: 12000, currency: 'EUR' },
      notify: true,
    });
    // r2: by client, early, not notified.
    await writer.cancel('r2', 'pro-1', {
      reason: 'cancelled-by-client',
      cancelledAt: '2026-03-20T10:00:00.000Z',
      notify: false,
    });
    // r3: by client, late, sponsored credits, notified.
    await writer.cancel('r3', 'pro-1', {
      reason: 'cancelled-by-client',
      cancelledAt: start(2, 8),
      charge: { method: 'sponsored-credits', credits: 2 },
      notify: true,
    });
    // r4: by professional, late, invoice, notified.
    await writer.cancel('r4', 'pro-2', {
      reason: 'cancelled-by-professional',
      cancelledAt: start(2, 9),
      charge: { method: 'invoice', amountMinor: 6000, currency: 'EUR' },
      notify: true,
    });
    // r6: other with a note, late, card in USD, not notified.
    await writer.cancel('r6', 'pro-2', {
      reason: 'other',
      note: 'secret',
      cancelledAt: start(3, 13),
      charge: { method: 'card', amountMinor: 8000, currency: 'USD' },
      notify: false,
    });
    await projectToHead(readModels, store);

    const period = { from: '2026-04-01', to: '2026-04-04' };
    const report = await readModels.reporting.cancellationReport(period);
    expect(report).toMatchObject({
      from: '2026-04-01',
      to: '2026-04-04',
      tz: 'UTC',
      position: await store.headPosition(),
    });
    expect(report.totals).toEqual({
      scheduled: 6,
      cancellations: 5,
      cancellationsByReason: {
        'cancelled-by-professional': 1,
        'cancelled-by-client': 2,
        'client-no-show': 1,
        other: 1,
      },
      lateCancellations: 3,
      noShows: 1,
      noShowRate: 1 / 6,
      charged: [
        { currency: 'EUR', method: 'card', amountMinor: 12000, count: 1 },
        { currency: 'EUR', method: 'invoice', amountMinor: 6000, count: 1 },
        { currency: 'USD', method: 'card', amountMinor: 8000, count: 1 },
      ],
      creditsCharged: 2,
      notificationsRequested: 3,
      notificationShare: 3 / 5,
    });
    expect(JSON.stringify(report)).not.toContain('secret');
    expect(JSON.stringify(report)).not.toContain('client-of');

    const byReason = await readModels.reporting.cancellationReport({
      ...period,
      groupBy: 'reason',
    });
    expect(byReason.groups).toEqual([
      {
        key: 'cancelled-by-professional',
        cancellations: 1,
        late: 1,
        charged: [{ currency: 'EUR', method: 'invoice', amountMinor: 6000, count: 1 }],
        creditsCharged: 0,
        notificationShare: 1,
      },
      {
        key: 'cancelled-by-client',
        cancellations: 2,
        late: 1,
        charged: [],
        creditsCharged: 2,
        notificationShare: 0.5,
      },
      {
        key: 'client-no-show',
        cancellations: 1,
        late: 1,
        charged: [{ currency: 'EUR', method: 'card', amountMinor: 12000, count: 1 }],
        creditsCharged: 0,
        notificationShare: 1,
      },
      {
        key: 'other',
        cancellations: 1,
        late: 1,
        charged: [{ currency: 'USD', method: 'card', amountMinor: 8000, count: 1 }],
        creditsCharged: 0,
        notificationShare: 0,
      },
    ]);

    const byProfessional = await readModels.reporting.cancellationReport({
      ...period,
      groupBy: 'professional',
    });
    expect(byProfessional.groups.map((g) => g.key)).toEqual(['pro-1', 'pro-2']);
    expect(byProfessional.groups[1]).toMatchObject({
      key: 'pro-2',
      scheduled: 3,
      cancellations: 2,
      noShows: 0,
      noShowRate: 0,
      lateCancellations: 2,
      notificationShare: 0.5,
    });

    const onlyPro1 = await readModels.reporting.cancellationReport({
      ...period,
      professionalId: 'pro-1',
      groupBy: 'day',
    });
    expect(onlyPro1.totals.scheduled).toBe(3);
    expect(onlyPro1.groups.map((g) => g.key)).toEqual(['2026-04-01', '2026-04-02']);
    expect(onlyPro1.groups[0]).toMatchObject({
      scheduled: 2,
      noShows: 1,
      noShowRate: 0.5,
      lateCancellations: 0,
      notificationShare: 0.5,
    });
  });

  it('counts nothing for a charge whose legacy data could not be upcast', async () => {
    const { readModels, store, writer, calendar } = context;
    await writer.schedule({
      sessionId: 'legacy',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T09:00:00.000Z',
    });
    await writer.cancel('legacy', 'pro-1', {
      reason: 'cancelled-by-client',
      cancelledAt: '2026-03-10T08:00:00.000Z',
      notify: false,
    });
    store.appendUnreadable(
      'session-legacy',
      {
        eventId: '00000000-0000-4000-8000-00000000e1e9',
        type: 'ClientCharged',
        schemaVersion: 1,
        data: { amount: '12.345', currency: 'EUR', method: 'card' },
        metadata: {
          occurredAt: '2026-03-10T08:00:00.000Z',
          actor: owner,
          correlationId: 'c',
          causationId: 'c',
        },
      },
      { code: 'amount-precision', message: 'more decimals than EUR has' },
    );
    await projectToHead(readModels, store);
    const report = await readModels.reporting.cancellationReport({
      from: '2026-03-10',
      to: '2026-03-11',
    });
    expect(report.totals.charged).toEqual([]);
    expect(report.totals.cancellations).toBe(1);
    const answer = await calendar('pro-1', '2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z');
    expect(answer.sessions[0]?.charge).toEqual({
      method: 'unreadable',
      upcastError: 'amount-precision',
    });
  });

  it('rejects a bad report period or time zone', async () => {
    const { readModels } = context;
    await expect(
      readModels.reporting.cancellationReport({ from: '2026-02-30', to: '2026-03-01' }),
    ).rejects.toThrow(/from must be a date/);
    await expect(
      readModels.reporting.cancellationReport({
        from: '2026-03-01',
        to: '2026-03-02',
        tz: 'Mars/Olympus',
      }),
    ).rejects.toThrow(/IANA/);
  });
}
