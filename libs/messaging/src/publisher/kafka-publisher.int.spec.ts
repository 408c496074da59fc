import { randomUUID } from 'node:crypto';
import { retrySetAside } from '@app/consumers';
import { mendableStore } from '@app/consumers/testing';
import type { JsonObject } from '@app/event-store';
import { PgliteDatabase } from '@app/event-store/embedded';
import { describeWithService } from '@test/support/requires-service';
import { createPayloadValidator, type IntegrationEventType } from '../integration-events';
import {
  allBytes,
  cancelledChargedNotified,
  deleted,
  header,
  jsonValue,
  malformed,
  paymentMethodsConfigured,
  PRIVATE_NOTE,
  publisherWorld,
  readUntil,
  scheduled,
  topicList,
  type RecordedRecord,
} from '../testing';
import type { MessageSink } from './message-sink';

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

const ceIds = (records: readonly RecordedRecord[]): string[] =>
  records.map((r) => `${header(r, 'ce_source')}|${header(r, 'ce_id')}`);

describeWithService('kafka', 'Kafka publisher against a real broker', (brokers) => {
  let db: PgliteDatabase;
  const validate = createPayloadValidator();

  beforeAll(async () => {
    db = await PgliteDatabase.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('publishes every domain event to its topic, keyed by session, with CloudEvents headers and valid payloads', async () => {
    const world = await publisherWorld(db, brokers);
    const a = randomUUID();
    const b = randomUUID();
    const head = await world.append(
      scheduled(a),
      paymentMethodsConfigured(),
      scheduled(b),
      cancelledChargedNotified(a),
    );
    const publisher = world.publisher();
    publisher.start();
    try {
      await publisher.waitForPosition(head);
      const records = await readUntil(brokers, topicList(world.topics), (r) => r.length >= 10);
      const t = world.topics.names;
      const summary = records
        .filter((r) => r.topic !== t.state)
        .map((r) => [r.topic, r.key?.toString(), header(r, 'ce_type')]);
      expect(summary).toEqual(
        expect.arrayContaining([
          [t.lifecycle, a, 'sessions.session-scheduled.v1'],
          [t.lifecycle, b, 'sessions.session-scheduled.v1'],
          [t.lifecycle, a, 'sessions.session-cancelled.v1'],
          [t.lifecycle, a, 'sessions.client-charged.v1'],
          [t.notifications, a, 'sessions.notification-requested.v1'],
        ]),
      );
      expect(summary).toHaveLength(5);
      expect(records.filter((r) => r.topic === t.state)).toHaveLength(5);
      for (const record of records) {
        expect(header(record, 'ce_specversion')).toBe('1.0');
        expect(header(record, 'ce_subject')).toBe(record.key?.toString());
        expect(header(record, 'content-type')).toBe('application/json');
        expect(header(record, 'ce_correlationid')).toMatch(/^[0-9a-f-]{36}$/);
        expect(Date.parse(header(record, 'ce_time') ?? '')).not.toBeNaN();
        const type = header(record, 'ce_type') as IntegrationEventType;
        expect(validate(type, jsonValue(record))).toEqual([]);
        expect(allBytes(record).includes(PRIVATE_NOTE)).toBe(false);
      }
      expect(new Set(ceIds(records)).size).toBe(records.length);
      // Workstation events are not published; the checkpoint still moved past them.
      expect(records.some((r) => allBytes(r).includes('PaymentMethodsConfigured'))).toBe(false);
      expect(await publisher.status()).toMatchObject({
        position: head,
        totals: { events: 6, skippedOther: 1 },
        lagEvents: 0,
        lagEventsExact: true,
        lagSeconds: 0,
      });
    } finally {
      await publisher.stop();
    }
  });

  it('publishes only SessionDeleted and a tombstone for a session deleted before a publisher from 0 handles it', async () => {
    const world = await publisherWorld(db, brokers);
    const erased = randomUUID();
    const half = randomUUID(); // deletion record appended, stream not yet removed (a crash between)
    const kept = randomUUID();
    await world.append(
      scheduled(erased),
      cancelledChargedNotified(erased),
      scheduled(half),
      scheduled(kept),
    );
    await world.append(deleted(erased));
    await world.store.deleteStream(`session-${erased}`);
    const head = await world.append(deleted(half));
    const publisher = world.publisher();
    publisher.start();
    try {
      await publisher.waitForPosition(head);
      const records = await readUntil(brokers, topicList(world.topics), (r) => r.length >= 6);
      const bySession = (id: string): string[] =>
        records
          .filter((r) => r.key?.toString() === id)
          .map(
            (r) =>
              `${r.topic.split('.').slice(-2, -1)[0]}:${header(r, 'ce_type')}:${r.value === null ? 'null' : 'value'}`,
          );
      for (const id of [erased, half]) {
        expect(bySession(id).sort()).toEqual([
          'lifecycle:sessions.session-deleted.v1:value',
          'state:sessions.session-deleted.v1:null',
        ]);
      }
      expect(bySession(kept)).toHaveLength(2);
      expect((await publisher.status()).totals.skippedDeleted).toBe(1); // half's SessionScheduled
      for (const record of records) expect(allBytes(record).includes(PRIVATE_NOTE)).toBe(false);
    } finally {
      await publisher.stop();
    }
  });

  it('after a crash between the ack and the checkpoint, a new publisher re-sends only that batch, in order', async () => {
    const world = await publisherWorld(db, brokers);
    const sessions = Array.from({ length: 10 }, () => randomUUID());
    const head = await world.append(
      ...sessions.map((id) => scheduled(id)),
      ...sessions.map((id) => cancelledChargedNotified(id)),
    ); // 40 events: batches of 8, the third is "crashed"
    let acks = 0;
    let unfreeze: (reason: Error) => void = () => undefined;
    const frozen = new Promise<never>((_, reject) => {
      unfreeze = reject;
    });
    const crashingAfterAck = (inner: MessageSink): MessageSink => ({
      prepare: () => inner.prepare(),
      reset: () => inner.reset(),
      close: () => inner.close(),
      send: async (messages) => {
        await inner.send(messages);
        acks += 1;
        // The process "dies" here: the broker has acknowledged batch 3, its checkpoint is never written.
        if (acks === 3) await frozen;
      },
    });
    const first = world.publisher({ sink: crashingAfterAck, publisher: { batchSize: 8 } });
    first.start();
    const checkpointBeforeCrash = await waitFor(async () => {
      const position = await world.checkpoint();
      return acks >= 3 ? position : undefined;
    });
    const firstStopped = first.stop();
    unfreeze(new Error('killed'));
    await firstStopped;

    const second = world.publisher({ publisher: { batchSize: 8 } });
    second.start();
    try {
      await second.waitForPosition(head);
      const lifecycle = world.topics.names.lifecycle;
      const records = await readUntil(brokers, [lifecycle], (r) => new Set(ceIds(r)).size >= 30);
      const all = await world.store.readAll({ maxCount: 100 });
      const afterCheckpoint = all.filter((e) => BigInt(e.position) > BigInt(checkpointBeforeCrash));
      const resent = new Set(afterCheckpoint.slice(0, 8).map((e) => e.eventId));
      const seen = new Map<string, number>();
      for (const id of records.map((r) => header(r, 'ce_id') ?? ''))
        seen.set(id, (seen.get(id) ?? 0) + 1);
      const duplicated = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
      expect(duplicated.length).toBeGreaterThan(0);
      expect(duplicated.every((id) => resent.has(id))).toBe(true);
      expect([...seen.values()].every((n) => n <= 2)).toBe(true);
      // Per session, first copies are in stream order.
      for (const id of sessions) {
        const firsts = new Set<string>();
        const types = records
          .filter((r) => r.key?.toString() === id)
          .filter(
            (r) => !firsts.has(header(r, 'ce_id') ?? '') && firsts.add(header(r, 'ce_id') ?? ''),
          )
          .map((r) => header(r, 'ce_type'));
        expect(types).toEqual([
          'sessions.session-scheduled.v1',
          'sessions.session-cancelled.v1',
          'sessions.client-charged.v1',
        ]);
      }
    } finally {
      await second.stop();
    }
  });

  it('a stop while a batch is on its way checkpoints it once acknowledged, so a restart does not send it again', async () => {
    const world = await publisherWorld(db, brokers);
    const sessions = Array.from({ length: 4 }, () => randomUUID());
    const head = await world.append(...sessions.map((id) => scheduled(id)));
    let sendStarted: () => void = () => undefined;
    const sending = new Promise<void>((resolve) => {
      sendStarted = resolve;
    });
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Holds the batch on its way until the stop was asked for, as SIGTERM during a send does.
    const held = (inner: MessageSink): MessageSink => ({
      prepare: () => inner.prepare(),
      send: async (messages) => {
        sendStarted();
        await released;
        await inner.send(messages);
      },
      reset: () => inner.reset(),
      close: () => inner.close(),
    });
    const publisher = world.publisher({ sink: held });
    publisher.start();
    await sending;
    const stopped = publisher.stop();
    release();
    await stopped;
    // The lease was still held: the acknowledged batch is this publisher's to checkpoint.
    expect(await world.checkpoint()).toBe(head);
    const records = await readUntil(brokers, [world.topics.names.lifecycle], (r) => r.length >= 4);
    expect(new Set(records.map((r) => r.key?.toString()))).toEqual(new Set(sessions));
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
          // The tombstone goes to another topic than the event and may arrive after it.
          r.some((x) => x.key?.toString() === gone && x.value === null) &&
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

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met in time');
}
