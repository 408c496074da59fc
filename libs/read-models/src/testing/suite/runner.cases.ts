import { readActiveCheckpoint, readConsumerStatuses } from '@app/consumers';
import { ReadModelNotFreshError } from '@app/application/ports';
import { applyOnce } from '../apply-once';
import { projectToHead } from '../catch-up';
import { InMemoryEventStore } from '@app/event-store/testing';
import { SessionWriter } from '@test/support/session-writer';
import { waitUntil } from '../wait-until';
import type { SuiteContext } from './context';

/** Leases, status, read-your-writes waits and graceful stops. */
export function runnerCases(context: SuiteContext): void {
  it('runs each projection on one replica only; a standby takes over when the holder stops', async () => {
    const { readModels, store, writer } = context;
    await writer.schedule({
      sessionId: 'l1',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T09:00:00.000Z',
    });
    const first = readModels.createProjector(store, { leaseRetryMs: 20 });
    const second = readModels.createProjector(store, { leaseRetryMs: 20 });
    first.start();
    await readModels.waitForPosition(
      ['calendar', 'reporting', 'deletions'],
      (await store.headPosition())!,
      10_000,
    );
    second.start();
    await waitUntil(() => second.consumers.every((c) => c.state === 'standby'));
    expect(first.consumers.map((c) => c.state)).toEqual(['running', 'running', 'running']);

    await first.stop();
    await waitUntil(() => second.consumers.every((c) => c.state === 'running'));
    const { position } = await writer.schedule({
      sessionId: 'l2',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T11:00:00.000Z',
    });
    await second.waitForPosition(position, 10_000);
    const statuses = await second.status();
    expect(statuses.map((s) => [s.name, s.state, s.position, s.lagEvents, s.lagSeconds])).toEqual([
      ['deletions', 'running', position, 0, 0],
      ['calendar', 'running', position, 0, 0],
      ['reporting', 'running', position, 0, 0],
    ]);
    await second.stop();
  });

  it('reports lag while stopped and times out a wait for an unapplied position', async () => {
    const { readModels, store, writer } = context;
    await writer.schedule({
      sessionId: 'w1',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T09:00:00.000Z',
    });
    await projectToHead(readModels, store);
    const { position } = await writer.schedule({
      sessionId: 'w2',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T11:00:00.000Z',
    });
    await expect(readModels.waitForPosition('calendar', position, 50)).rejects.toBeInstanceOf(
      ReadModelNotFreshError,
    );
    // Not running here: the status says what the last process running it reported (it stopped).
    const projector = readModels.createProjector(store);
    const [status] = await projector.status();
    expect(status).toMatchObject({
      name: 'deletions',
      state: 'stopped',
      source: 'report',
      lagEvents: 1,
      lagEventsExact: true,
      lagSeconds: 0,
    });
  });

  it('bounds the lag count and measures lag seconds between recorded times', async () => {
    const { readModels } = context;
    let clock = Date.parse('2026-03-01T12:00:00.000Z');
    const timed = new InMemoryEventStore({ now: () => new Date(clock) });
    const timedWriter = new SessionWriter(timed);
    await timedWriter.schedule({
      sessionId: 'z0',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T09:00:00.000Z',
    });
    await projectToHead(readModels, timed);
    for (let i = 1; i <= 5; i += 1) {
      clock += 60_000;
      await timedWriter.schedule({
        sessionId: `z${i}`,
        professionalId: 'pro-1',
        startsAt: '2026-03-10T09:00:00.000Z',
      });
    }
    const calendar = [{ name: 'calendar', kind: 'projection' as const }];
    const [exact] = await readConsumerStatuses(
      { db: readModels.executor, eventStore: timed },
      calendar,
    );
    expect(exact).toMatchObject({
      lagEvents: 5,
      lagEventsExact: true,
      lagSeconds: 300,
      generation: 1,
    });
    const [bounded] = await readConsumerStatuses(
      {
        db: readModels.executor,
        eventStore: timed,
        now: () => new Date(clock + 60_000),
        countLimit: 3,
      },
      calendar,
    );
    expect(bounded).toMatchObject({ lagEvents: 3, lagEventsExact: false, lagSeconds: 360 });
  });

  it('stops gracefully with every applied batch checkpointed', async () => {
    const { readModels, store, writer } = context;
    for (let i = 0; i < 30; i += 1) {
      await writer.schedule({
        sessionId: `g${i}`,
        professionalId: 'pro-1',
        startsAt: '2026-03-10T09:00:00.000Z',
      });
    }
    const projector = readModels.createProjector(store, { batchSize: 4 });
    projector.start();
    await waitUntil(() => projector.consumers.every((c) => c.position !== undefined));
    await projector.stop();
    for (const consumer of projector.consumers) {
      const stored = await readActiveCheckpoint(readModels.executor, consumer.name);
      expect(stored?.position).toBe(consumer.position);
    }
    // Applying from a stale checkpoint is refused: the checkpoint fences double application.
    const stale = await applyOnce(readModels.executor, store, {
      definition: readModels.projections[1],
      expected: undefined,
      events: await store.readAll({ maxCount: 1 }),
    });
    expect(stale.applied).toBe(false);
  });
}
