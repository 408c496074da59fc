import { itUnless } from '@test/support/requires-service';
import { comparePositions, type EventStore } from '../port';
import type { ConformanceContext } from './conformance-context';
import {
  Collector,
  freshStreamId,
  newEvent,
  newEvents,
  readAllOf,
  readAllUntil,
} from './conformance-fixtures';

function expectIncreasing(positions: readonly string[]): void {
  for (let index = 1; index < positions.length; index += 1) {
    expect(comparePositions(positions[index - 1], positions[index])).toBeLessThan(0);
  }
}

export function orderingCases(context: ConformanceContext): void {
  let store: EventStore;
  beforeAll(() => {
    store = context.store();
  });

  it('delivers concurrent writers to many streams in one order, skipping nothing', async () => {
    const head = await store.headPosition();
    const streams = Array.from({ length: 10 }, () => freshStreamId());
    const mine = new Set(streams);
    const collector = new Collector(store, head, mine);
    try {
      await Promise.all(
        streams.map(async (streamId) => {
          for (let version = 0; version < 5; version += 1) {
            await store.append(streamId, newEvents(1), version === 0 ? 'no-stream' : version - 1);
          }
        }),
      );
      const received = await collector.waitFor(50);
      expect(received).toHaveLength(50);
      expectIncreasing(received.map((event) => event.position));
      for (const streamId of streams) {
        const versions = received
          .filter((event) => event.streamId === streamId)
          .map((event) => event.streamVersion);
        expect(versions).toEqual([0, 1, 2, 3, 4]);
      }
      const all = await readAllUntil(store, head, mine, 50);
      expect(all.map((event) => event.eventId)).toEqual(received.map((event) => event.eventId));
    } finally {
      await collector.stop();
    }
  });

  const holdReason =
    typeof context.harness.holdOpenAppend === 'string' ? context.harness.holdOpenAppend : undefined;

  // Marten #1879 / #4953, Eventuous #222, Emmett PR #336: a reader that trusts the sequence
  // alone passes an event whose transaction commits after a later-sequence one, and never
  // returns to it.
  itUnless(
    holdReason,
    'never skips an event whose transaction commits after a later one (out-of-order commits)',
    async () => {
      const hold = context.harness.holdOpenAppend;
      if (typeof hold === 'string') return;
      const head = await store.headPosition();
      const [early, late, after] = [freshStreamId(), freshStreamId(), freshStreamId()];
      const mine = new Set([early, late, after]);
      const collector = new Collector(store, head, mine);
      try {
        const first = await hold(store, early, [newEvent('Early')]);
        const second = await hold(store, late, [newEvent('Late')]);
        await second.commit();
        await store.append(after, [newEvent('After')], 'no-stream');

        // The later commits are durable, but the earlier transaction is still open: a reader
        // must not move past it.
        expect(await readAllOf(store, head, mine)).toEqual([]);
        expect(collector.events).toEqual([]);

        await first.commit();
        const received = await collector.waitFor(3);
        expect(received.map((event) => event.streamId)).toEqual([early, late, after]);
        expectIncreasing(received.map((event) => event.position));
        const all = await readAllUntil(store, head, mine, 3);
        expect(all.map((event) => event.eventId)).toEqual(received.map((event) => event.eventId));
      } finally {
        await collector.stop();
      }
    },
  );

  itUnless(
    holdReason,
    'is not stalled by the sequence gap a rolled-back append leaves',
    async () => {
      const hold = context.harness.holdOpenAppend;
      if (typeof hold === 'string') return;
      const head = await store.headPosition();
      const [rolledBack, kept] = [freshStreamId(), freshStreamId()];
      const mine = new Set([rolledBack, kept]);
      const collector = new Collector(store, head, mine);
      try {
        const doomed = await hold(store, rolledBack, newEvents(3));
        const survivor = await store.append(kept, newEvents(1), 'no-stream');
        await doomed.rollback();
        await store.append(kept, newEvents(1), 0);
        const received = await collector.waitFor(2);
        expect(received.map((event) => event.streamId)).toEqual([kept, kept]);
        expect(received[0].position).toBe(survivor.position);
        await expect(store.readStream(rolledBack)).rejects.toMatchObject({
          streamId: rolledBack,
        });
      } finally {
        await collector.stop();
      }
    },
  );
}
