import { PgliteDatabase } from '@app/event-store/embedded';
import { createEmbeddedReadModels, type ReadModels } from '../read-models';
import { InMemoryEventStore } from '@app/event-store/testing';
import { projectToHead, uniqueSchema } from '../testing';
import { writeGeneratedHistory } from '../testing/generated-history';
import { independentReport } from '../testing/independent-report';
import type { FiguresGroup, ReportFigures } from '@app/application/ports';

jest.setTimeout(120_000);

/** Ratios compared to 12 decimals: SQL and TS divide the same integers. */
const comparable = (figures: ReportFigures | object): unknown =>
  JSON.parse(
    JSON.stringify(figures, (_key, value: unknown) =>
      typeof value === 'number' ? Number(value.toFixed(12)) : value,
    ),
  );

describe('the report over a generated history of 10,000 sessions (embedded store)', () => {
  let database: PgliteDatabase;
  let readModels: ReadModels;
  const store = new InMemoryEventStore({ now: () => new Date('2026-02-01T00:00:00.000Z') });

  beforeAll(async () => {
    database = await PgliteDatabase.open();
    readModels = await createEmbeddedReadModels({ database, schema: uniqueSchema('rm_gen') });
    const written = await writeGeneratedHistory(store, 10_000, 20261125);
    expect(written.deleted).toBeGreaterThan(50);
    expect(written.unreadable).toBeGreaterThan(10);
    await projectToHead(readModels, store, { batchSize: 1_000 }, 60_000);
  });
  afterAll(async () => {
    await readModels.close();
    await database.close();
  });

  it.each([
    ['UTC', '2026-03-01', '2026-05-01'],
    ['Europe/Berlin', '2026-03-10', '2026-04-10'],
    ['America/New_York', '2026-03-01', '2026-03-20'],
    ['Asia/Kolkata', '2026-04-01', '2026-04-02'],
  ])('equals an independent count in %s over [%s, %s)', async (tz, from, to) => {
    const events = await store.readAll({ maxCount: 1_000_000 });
    const oracle = independentReport(events, from, to, tz);

    const totals = await readModels.reporting.cancellationReport({ from, to, tz });
    expect(comparable(totals.totals)).toEqual(comparable(oracle.totals));
    expect(totals.totals.scheduled).toBeGreaterThan(0);
    if (tz === 'UTC') {
      // The whole history: every reason, charge kind and notify choice occurs.
      expect(Object.values(totals.totals.cancellationsByReason).every((n) => n > 100)).toBe(true);
      expect(new Set(totals.totals.charged.map((c) => c.method))).toEqual(
        new Set(['card', 'invoice', 'external']),
      );
      expect(totals.totals.creditsCharged).toBeGreaterThan(0);
      expect(totals.totals.notificationShare).toBeGreaterThan(0.3);
      expect(totals.totals.notificationShare).toBeLessThan(0.7);
    }

    const byDay = await readModels.reporting.cancellationReport({ from, to, tz, groupBy: 'day' });
    const days = Object.fromEntries(
      (byDay.groups as FiguresGroup[]).map(({ key, ...rest }) => [key, rest]),
    );
    expect(comparable(days)).toEqual(comparable(oracle.byDay));

    const byPro = await readModels.reporting.cancellationReport({
      from,
      to,
      tz,
      groupBy: 'professional',
    });
    const pros = Object.fromEntries(
      (byPro.groups as FiguresGroup[]).map(({ key, ...rest }) => [key, rest]),
    );
    expect(comparable(pros)).toEqual(comparable(oracle.byProfessional));

    const byReason = await readModels.reporting.cancellationReport({
      from,
      to,
      tz,
      groupBy: 'reason',
    });
    for (const group of byReason.groups) {
      expect(group.cancellations).toBe(oracle.totals.cancellationsByReason[group.key]);
    }
  });
});
