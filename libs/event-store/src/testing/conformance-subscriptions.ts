import { itUnless } from '@test/support/requires-service';
import type { EventStore } from '../port';
import type { ConformanceContext } from './conformance-context';
import {
  Collector,
  freshStreamId,
  newEvents,
  readAllUntil,
  retryUnavailable,
} from './conformance-fixtures';

export function subscriptionCases(context: ConformanceContext): void {
  let store: EventStore;
  beforeAll(() => {
    store = context.store();
  });

  it('catches up, then follows live', async () => {
    const head = await store.headPosition();
    const streamId = freshStreamId();
    const caughtUp = newEvents(3);
    await store.append(streamId, caughtUp, 'no-stream');
    const collector = new Collector(store, head, new Set([streamId]));
    try {
      await collector.waitFor(3);
      const live = newEvents(2);
      await store.append(streamId, live, 2);
      const received = await collector.waitFor(5);
      expect(received.map((event) => event.eventId)).toEqual(
        [...caughtUp, ...live].map((event) => event.eventId),
      );
    } finally {
      await collector.stop();
    }
  });

  it('resumes from a checkpoint with no gap and no repeat', async () => {
    const head = await store.headPosition();
    const streamId = freshStreamId();
    const events = newEvents(6);
    await store.append(streamId, events, 'no-stream');
    const mine = new Set([streamId]);

    const first = new Collector(store, head, mine);
    const firstPart = (await first.waitFor(3)).slice(0, 3);
    await first.stop();
    const checkpoint = firstPart[2].position;

    const second = new Collector(store, checkpoint, mine);
    try {
      const rest = await second.waitFor(3);
      expect(rest.map((event) => event.streamVersion)).toEqual([3, 4, 5]);
      expect(second.allPositions).not.toContain(checkpoint);
    } finally {
      await second.stop();
    }
  });

  it('survives a restart of the consumer: events written while it was down arrive once', async () => {
    const head = await store.headPosition();
    const streamId = freshStreamId();
    const mine = new Set([streamId]);
    await store.append(streamId, newEvents(2), 'no-stream');

    const before = new Collector(store, head, mine);
    const handled = await before.waitFor(2);
    await before.stop();
    const checkpoint = handled[handled.length - 1].position;

    await store.append(streamId, newEvents(3), 1);
    const after = new Collector(store, checkpoint, mine);
    try {
      await store.append(streamId, newEvents(1), 4);
      const resumed = await after.waitFor(4);
      expect(resumed.map((event) => event.streamVersion)).toEqual([2, 3, 4, 5]);
    } finally {
      await after.stop();
    }
  });

  const dropReason =
    typeof context.harness.dropConnections === 'string'
      ? context.harness.dropConnections
      : undefined;
  itUnless(dropReason, 'survives dropped connections without a gap or a repeat', async () => {
    const drop = context.harness.dropConnections;
    if (typeof drop === 'string') return;
    const head = await store.headPosition();
    const streamId = freshStreamId();
    const mine = new Set([streamId]);
    await store.append(streamId, newEvents(2), 'no-stream');
    const collector = new Collector(store, head, mine);
    try {
      await collector.waitFor(2);
      await drop(store);
      await retryUnavailable(() => store.append(streamId, newEvents(3), 1));
      const received = await collector.waitFor(5);
      expect(received.map((event) => event.streamVersion)).toEqual([0, 1, 2, 3, 4]);
      expect(new Set(collector.allPositions).size).toBe(collector.allPositions.length);
      expect(await readAllUntil(store, head, mine, 5)).toHaveLength(5);
    } finally {
      await collector.stop();
    }
  });

  it('ends a subscription cleanly when its signal aborts or the store closes', async () => {
    const other = await context.harness.create();
    try {
      const iterator = other.subscribe({ after: await other.headPosition() });
      const ended = (async () => {
        let count = 0;
        for await (const _event of iterator) count += 1;
        return count;
      })();
      await other.close();
      await expect(ended).resolves.toBeGreaterThanOrEqual(0);
    } finally {
      await context.harness.destroy(other);
    }
  });
}
