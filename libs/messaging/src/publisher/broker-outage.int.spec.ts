import { randomUUID } from 'node:crypto';
import { PgliteDatabase } from '@app/event-store/embedded';
import { itUnless } from '@test/support/requires-service';
import { javaToolchainProblem } from '../../../../scripts/kafka/classpath';
import { startKafkaBroker, type KafkaBroker } from '../../../../scripts/kafka/kafka-broker';
import type { IntegrationMessage } from '../integration-events';
import {
  cancelledChargedNotified,
  collectingLogger,
  header,
  jsonValue,
  publisherWorld,
  readUntil,
  scheduled,
} from '../testing';
import type { MessageSink } from './message-sink';

jest.setTimeout(120_000);

/**
 * The broker is stopped (SIGKILL, as a crash) while the publisher runs, then started again on the
 * same ports and data. This needs a broker of our own, whatever KAFKA_BROKERS points at.
 */
const toolchainProblem = javaToolchainProblem();

describe('Kafka publisher across a broker outage', () => {
  let broker: KafkaBroker | undefined;
  let db: PgliteDatabase | undefined;

  afterAll(async () => {
    await broker?.stop();
    await db?.close();
  });

  itUnless(
    toolchainProblem === undefined
      ? undefined
      : `needs a broker of its own from scripts/kafka: ${toolchainProblem}`,
    'delivers every event, in order per session, duplicating only batches the broker never acknowledged',
    async () => {
      broker = await startKafkaBroker();
      db = await PgliteDatabase.open();
      const logger = collectingLogger();
      const world = await publisherWorld(db, broker.bootstrap, logger);
      // Records every send and whether it was acknowledged: duplicates may only come from the others.
      const unacknowledged = new Set<string>();
      const recording = (inner: MessageSink): MessageSink => ({
        prepare: () => inner.prepare(),
        reset: () => inner.reset(),
        close: () => inner.close(),
        send: async (messages: readonly IntegrationMessage[]) => {
          try {
            await inner.send(messages);
          } catch (error) {
            for (const m of messages) unacknowledged.add(m.headers.ce_id);
            throw error;
          }
        },
      });
      const publisher = world.publisher({ sink: recording, publisher: { batchSize: 20 } });
      const sessions = Array.from({ length: 20 }, () => randomUUID());
      publisher.start();
      try {
        const before = await world.append(...sessions.map((id) => scheduled(id)));
        await publisher.waitForPosition(before);

        await broker.halt();
        const during = await world.append(
          ...sessions.slice(0, 10).map((id) => cancelledChargedNotified(id)),
        );
        await waitUntil(async () => (await publisher.status()).consecutiveErrors > 0);
        await broker.resume();
        const head = await world.append(
          ...sessions.slice(10).map((id) => cancelledChargedNotified(id)),
        );
        await publisher.waitForPosition(head, 60_000);
        expect(BigInt(head) > BigInt(during)).toBe(true);

        const expected = (await world.store.readAll({ maxCount: 1000 })).map((e) => e.eventId);
        const records = await readUntil(broker.bootstrap, [world.topics.names.state], (r) =>
          expected.every((id) => r.some((x) => header(x, 'ce_id') === id)),
        );
        const counts = new Map<string, number>();
        for (const r of records)
          counts.set(header(r, 'ce_id') ?? '', (counts.get(header(r, 'ce_id') ?? '') ?? 0) + 1);
        const duplicated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
        expect(duplicated.every((id) => unacknowledged.has(id))).toBe(true);
        // The first copy of each state message, per session, comes in stream order.
        for (const id of sessions) {
          const seen = new Set<string>();
          const versions = records
            .filter((r) => r.key?.toString() === id)
            .filter(
              (r) => !seen.has(header(r, 'ce_id') ?? '') && seen.add(header(r, 'ce_id') ?? ''),
            )
            .map((r) => (jsonValue(r) as { sessionVersion: number }).sessionVersion);
          expect(versions).toEqual([0, 1, 2, 3]);
        }
        expect((await publisher.status()).totals.errors).toBeGreaterThan(0);
      } finally {
        await publisher.stop();
      }
    },
  );
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
