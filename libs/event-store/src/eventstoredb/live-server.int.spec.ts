import { execSync } from 'node:child_process';
import { EventStoreDBClient } from '@eventstore/db-client';
import { describeWithService, itUnless } from '@test/support/requires-service';
import {
  StoreRefusedError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStore,
  type RecordedEvent,
} from '../port';
import { describeEventStoreConformance } from '../testing/conformance';
import {
  Collector,
  freshStreamId,
  newEvent,
  newEvents,
  readAllUntil,
  retryUnavailable,
} from '../testing/conformance-fixtures';
import { toEsdbConnectionString } from './client';
import { createEventStoreDbEventStore } from './eventstoredb-event-store';
import { decodePosition, encodePosition } from './positions';
import { eventStoreDbHarness } from './testing/eventstoredb-harness';

/**
 * Against a live EventStoreDB / KurrentDB (EVENTSTORE_URL, or a container where a runtime
 * answers); elsewhere it skips loudly. What the wire-level test server models is checked here
 * against the real thing. Optional extras, each skipped with its reason when unset:
 * EVENTSTORE_RESTART_COMMAND (a shell command that restarts the server, e.g. `docker restart
 * esdb`), EVENTSTORE_TLS_URL (a secure URL with tlsCAFile), EVENTSTORE_USER_URL (a secure URL
 * with a user who is not in $admins or $ops).
 */
jest.setTimeout(60_000);

/** The version the server reports through ServerFeatures (the client's own query). */
async function serverVersion(url: string): Promise<string> {
  const client = EventStoreDBClient.connectionString(toEsdbConnectionString(url));
  try {
    // Not in the client's typings: the features it fetches on first use.
    const features = (client as unknown as { capabilities: Promise<{ serverVersion: string }> })
      .capabilities;
    return (await features).serverVersion;
  } finally {
    await client.dispose();
  }
}

const unset = (variable: string, what: string): string | undefined =>
  process.env[variable] ? undefined : `${variable} is not set: ${what}`;

describeWithService('eventstoredb', 'EventStoreDB adapter on a live server', (url) => {
  describeEventStoreConformance(eventStoreDbHarness(url));

  describe('what the wire-level test server models, on the real server', () => {
    let store: EventStore;
    beforeAll(async () => {
      process.stdout.write(
        `\nLive EventStoreDB at ${url}: server version ${await serverVersion(url)}\n`,
      );
      store = createEventStoreDbEventStore({ connectionString: url });
    });
    afterAll(() => store.close());

    it('close() returns after every kind of read', async () => {
      const other = createEventStoreDbEventStore({ connectionString: url });
      const streamId = freshStreamId();
      for (let version = 0; version < 20; version += 1) {
        await other.append(streamId, newEvents(1), version === 0 ? 'no-stream' : version - 1);
      }
      await other.readStream(streamId, { maxCount: 1 });
      await other.readStream(streamId, { direction: 'backwards' });
      await other.readAll({ maxCount: 2 });
      await other.headPosition();
      for await (const _event of other.subscribe()) break;
      await other.close();
    });

    it('gives one position per event: from append, from the subscription, from readAll', async () => {
      const head = await store.headPosition();
      const streamId = freshStreamId();
      const collector = new Collector(store, head, new Set([streamId]));
      try {
        const first = await store.append(streamId, newEvents(3), 'no-stream');
        const second = await store.append(streamId, newEvents(1), 2);
        const delivered = await collector.waitFor(4);
        const all = await readAllUntil(store, head, new Set([streamId]), 4);
        expect(delivered[2].position).toBe(first.position);
        expect(delivered[3].position).toBe(second.position);
        expect(all.map((event) => event.position)).toEqual(delivered.map((e) => e.position));
        const { commit, prepare } = decodePosition(second.position);
        expect(commit).toBe(prepare);
      } finally {
        await collector.stop();
      }
    });

    it('takes uppercase ids and gives them back lowercase', async () => {
      const streamId = freshStreamId();
      const events = newEvents(2).map((e) => ({ ...e, eventId: e.eventId.toUpperCase() }));
      const first = await store.append(streamId, events, 'no-stream');
      expect((await store.readStream(streamId)).map((e) => e.eventId)).toEqual(
        events.map((e) => e.eventId.toLowerCase()),
      );
      expect(await store.append(streamId, events, 'no-stream')).toEqual(first);
    });

    it('re-appends idempotently at an exact version after others moved the stream on; refuses a partial match', async () => {
      const streamId = freshStreamId();
      await store.append(streamId, newEvents(1), 'no-stream');
      const events = newEvents(2);
      const first = await store.append(streamId, events, 0);
      await store.append(streamId, newEvents(3), 2);
      expect(await store.append(streamId, events, 0)).toEqual(first);
      await expect(
        store.append(streamId, [events[0], newEvent('Other')], 0),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.readStream(streamId)).toHaveLength(6);
    });

    it('reports both versions of a conflict', async () => {
      const streamId = freshStreamId();
      await store.append(streamId, newEvents(2), 'no-stream');
      await expect(store.append(streamId, newEvents(1), 0)).rejects.toMatchObject({
        expected: 0,
        actual: 1,
      });
      await expect(store.append(streamId, newEvents(1), 'no-stream')).rejects.toMatchObject({
        expected: 'no-stream',
        actual: 1,
      });
      await expect(store.append(freshStreamId(), newEvents(1), 4)).rejects.toMatchObject({
        expected: 4,
        actual: 'no-stream',
      });
    });

    it('tombstones a stream that never existed, refuses a second delete, then every append and read', async () => {
      const streamId = freshStreamId();
      await store.deleteStream(streamId);
      await expect(store.deleteStream(streamId)).rejects.toBeInstanceOf(StreamDeletedError);
      for (const expected of ['no-stream', 'any', 0, 5] as const) {
        await expect(store.append(streamId, newEvents(1), expected)).rejects.toBeInstanceOf(
          StreamDeletedError,
        );
      }
      await expect(store.readStream(streamId)).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(
        store.readStream(streamId, { direction: 'backwards', maxCount: 1 }),
      ).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(store.readStream(freshStreamId())).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it("reads $all and subscribes over a tombstoned stream's events: never the tombstone record", async () => {
      const head = await store.headPosition();
      const [deleted, kept] = [freshStreamId(), freshStreamId()];
      await store.append(deleted, newEvents(2), 'no-stream');
      await store.deleteStream(deleted);
      await store.append(kept, newEvents(1), 'no-stream');
      const mine = new Set([deleted, kept]);
      const all = await readAllUntil(store, head, mine, 3);
      expect(all.map((event) => event.streamId)).toEqual([deleted, deleted, kept]);
      const collector = new Collector(store, head, mine);
      try {
        const delivered: RecordedEvent[] = await collector.waitFor(3);
        expect(delivered.map((event) => event.eventId)).toEqual(all.map((e) => e.eventId));
      } finally {
        await collector.stop();
      }
    });

    itUnless(
      unset('EVENTSTORE_RESTART_COMMAND', 'no way to restart the server from the suite'),
      'a subscription goes on through a server restart, without a gap or a repeat',
      async () => {
        const head = await store.headPosition();
        const streamId = freshStreamId();
        const collector = new Collector(store, head, new Set([streamId]));
        try {
          await store.append(streamId, newEvents(2), 'no-stream');
          await collector.waitFor(2);
          execSync(process.env.EVENTSTORE_RESTART_COMMAND ?? 'false', { stdio: 'inherit' });
          await retryUnavailable(() => store.append(streamId, newEvents(2), 1), 600);
          const received = await collector.waitFor(4, 60_000);
          expect(received.map((event) => event.streamVersion)).toEqual([0, 1, 2, 3]);
        } finally {
          await collector.stop();
        }
      },
      180_000,
    );

    it('fails a subscription from a checkpoint inside a record at once, as a refusal', async () => {
      const { position } = await store.append(freshStreamId(), newEvents(1), 'no-stream');
      const { commit } = decodePosition(position);
      const inside = encodePosition({ commit: commit + 1n, prepare: commit + 1n });
      const run = async (): Promise<void> => {
        for await (const _event of store.subscribe({ after: inside })) break;
      };
      await expect(run()).rejects.toBeInstanceOf(StoreRefusedError);
      await expect(store.readAll({ after: inside, maxCount: 1 })).rejects.toMatchObject({
        reason: 'invalid-position',
      });
    });

    it('refuses an event over the size limits without retrying', async () => {
      const huge = newEvent('Huge', { text: 'x'.repeat(17 * 1024 * 1024) });
      await expect(store.append(freshStreamId(), [huge], 'no-stream')).rejects.toMatchObject({
        name: 'StoreRefusedError',
        reason: 'too-large',
      });
    });

    it('accepts the kurrentdb:// and esdb+discover:// spellings of the URL', async () => {
      const spellings = [
        url.replace(/^esdb:/, 'kurrentdb:'),
        url.replace(/^esdb:/, 'esdb+discover:'),
      ];
      for (const spelling of spellings) {
        const other = createEventStoreDbEventStore({ connectionString: spelling });
        try {
          await expect(
            other.append(freshStreamId(), newEvents(1), 'no-stream'),
          ).resolves.toMatchObject({
            version: 0,
          });
        } finally {
          await other.close();
        }
      }
    });

    itUnless(
      unset('EVENTSTORE_TLS_URL', 'no secure server to check TLS with tlsCAFile'),
      'connects over TLS, trusting the server through tlsCAFile',
      async () => {
        const secure = createEventStoreDbEventStore({
          connectionString: process.env.EVENTSTORE_TLS_URL ?? '',
        });
        try {
          await secure.append(freshStreamId(), newEvents(1), 'no-stream');
          expect(await secure.headPosition()).toBeDefined();
        } finally {
          await secure.close();
        }
      },
    );

    itUnless(
      unset('EVENTSTORE_USER_URL', 'no non-admin user to check the rights on $all'),
      'a user outside $admins and $ops may append but not read $all: a refusal, not an outage',
      async () => {
        const user = createEventStoreDbEventStore({
          connectionString: process.env.EVENTSTORE_USER_URL ?? '',
        });
        try {
          await user.append(freshStreamId(), newEvents(1), 'no-stream');
          await expect(user.headPosition()).rejects.toMatchObject({ reason: 'access-denied' });
        } finally {
          await user.close();
        }
      },
    );
  });
});
