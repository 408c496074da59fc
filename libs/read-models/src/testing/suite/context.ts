import type { CalendarAnswer } from '@app/application/ports';
import type { ReadModels } from '../../read-models';
import { InMemoryEventStore } from '@app/event-store/testing';
import { SessionWriter } from '@test/support/session-writer';

export const owner = { userId: 'pro-1', role: 'professional' };
export const auditor = { userId: 'aud-1', role: 'auditor' };

/** What every case reads at its start: fresh for each test. */
export interface SuiteContext {
  readModels: ReadModels;
  store: InMemoryEventStore;
  writer: SessionWriter;
  calendar(
    professionalId: string,
    from: string,
    to: string,
    viewer?: { userId: string; role: string },
  ): Promise<CalendarAnswer>;
}

/** Registers the per-test setup: a fresh ReadModels (own schema) and a fresh event store. */
export function suiteContext(open: () => Promise<ReadModels>): SuiteContext {
  const context = {
    calendar: (professionalId: string, from: string, to: string, viewer = owner) =>
      context.readModels.calendar.calendarOf({ professionalId, from, to, viewer }),
  } as SuiteContext;
  beforeEach(async () => {
    context.readModels = await open();
    context.store = new InMemoryEventStore({ now: () => new Date('2026-03-01T12:00:00.000Z') });
    context.writer = new SessionWriter(context.store);
  });
  afterEach(async () => {
    await context.readModels.close();
  });
  return context;
}
