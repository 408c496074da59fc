import { randomUUID } from 'node:crypto';
import { retrySetAside } from '@app/consumers';
import { mendableStore } from '@app/consumers/testing';
import { PgliteDatabase, type JsonObject } from '@app/event-store';
import { describeWithService } from '@test/support/requires-service';
import {
  cancelledChargedNotified,
  deleted,
  header,
  jsonValue,
  malformed,
  publisherWorld,
  readUntil,
  scheduled,
  topicList,
  type RecordedRecord,
} from '../testing';

jest.setTimeout(60_000);

/** A string where the fee's amountMinor is a number. */
const amountAsString = (data: JsonObject): JsonObject => ({
  ...data,
  fee: { amountMinor: '12000', currency: 'EUR' },
});

/** The session's lifecycle records, in the order the topic holds them (one key, one partition). */
const typesOf = (records: readonly RecordedRecord[], sessionId: string): string[] =>
  records
    .filter((r) => r.key?.toString() === sessionId && r.topic.endsWith('lifecycle.v1'))
    .map((r) => header(r, 'ce_type') ?? '');

const LIFECYCLE = [
  'sessions.session-scheduled.v1',
  'sessions.session-cancelled.v1',
  'sessions.client-charged.v1',
];

describeWithService('kafka', 'Kafka publisher with events it cannot map', (brokers) => {
  let db: PgliteDatabase;
  beforeAll(async () => {
    db = await PgliteDatabase.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('sets the session aside and publishes every other one; deletion clears it; a mended retry publishes it in order', async () => {
    const world = await publisherWorld(db, brokers);
    const [good, bad, gone, after] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await world.append(
      scheduled(good),
      malformed(scheduled(bad), amountAsString),
      cancelledChargedNotified(bad),
      malformed(scheduled(gone), amountAsString),
      cancelledChargedNotified(good),
    );
    const head = await world.append(scheduled(after));
    const mendable = mendableStore(world.store);
    const publisher = world.publisher({
      reads: () => mendable.store,
      publisher: { retryPollMs: 10 },
    });
    publisher.start();
    try {
      await publisher.waitForPosition(head);
      const status = await publisher.status();
      expect(status.setAside.map((s) => s.sessionId)).toEqual([bad, gone]);
      expect(status.setAside[0]).toMatchObject({
        event: { streamId: `session-${bad}`, type: 'SessionScheduled' },
        errorCode: 'malformed-event',
        errorMessage: 'SessionScheduled.fee.amountMinor: expected an integer, got a string',
      });
      expect(status.health).toMatchObject({ state: 'degraded' });
      const flowing = await readUntil(
        brokers,
        topicList(world.topics),
        (r) => typesOf(r, good).length >= 3 && typesOf(r, after).length >= 1,
      );
      expect(typesOf(flowing, good)).toEqual(LIFECYCLE);
      const skipped: string[] = [bad, gone];
      expect(flowing.some((r) => skipped.includes(r.key?.toString() ?? ''))).toBe(false);

      // Its deletion publishes all the same (SessionDeleted and the tombstone) and clears it.
      await world.append(deleted(gone));
      await world.store.deleteStream(`session-${gone}`);
      const deletedAt = await world.store.headPosition();
      await publisher.waitForPosition(deletedAt!);
      expect((await publisher.status()).setAside.map((s) => s.sessionId)).toEqual([bad]);

      // An upcaster now mends the data: the retry publishes the session's events in order.
      mendable.mend('SessionScheduled', (data) => ({
        ...data,
        fee: { amountMinor: 12000, currency: 'EUR' },
      }));
      expect(await retrySetAside(world.db, 'kafka-publisher')).toMatchObject({
        requested: [bad],
        cleared: [bad],
        failed: [],
      });
      const all = await readUntil(
        brokers,
        topicList(world.topics),
        (r) =>
          typesOf(r, bad).length >= 3 &&
          typesOf(r, gone).length >= 1 &&
          r.filter((x) => x.key?.toString() === bad && !x.topic.endsWith('lifecycle.v1')).length >=
            5,
      );
      expect(typesOf(all, bad)).toEqual(LIFECYCLE);
      expect(
        all.filter((r) => r.key?.toString() === bad && r.topic.endsWith('notifications.v1')),
      ).toHaveLength(1);
      // The state topic got the state after each event, versions in stream order.
      expect(
        all
          .filter((r) => r.key?.toString() === bad && r.topic.endsWith('state.v1'))
          .map((r) => (jsonValue(r) as { sessionVersion: number }).sessionVersion),
      ).toEqual([0, 1, 2, 3]);
      const badScheduled = all.find(
        (r) =>
          r.key?.toString() === bad && header(r, 'ce_type') === 'sessions.session-scheduled.v1',
      );
      expect(jsonValue(badScheduled!)).toMatchObject({ fee: { amountMinor: 12000 } });
      const goneRecords = all.filter((r) => r.key?.toString() === gone);
      expect(goneRecords.map((r) => [header(r, 'ce_type'), r.value === null])).toEqual(
        expect.arrayContaining([
          ['sessions.session-deleted.v1', false],
          ['sessions.session-deleted.v1', true],
        ]),
      );
      expect(await publisher.status()).toMatchObject({ setAside: [], health: { state: 'up' } });
    } finally {
      await publisher.stop();
    }
  });
});
