import { randomUUID } from 'node:crypto';
import { silentLogger, type EventStore, type NewEvent, type RecordedEvent } from '@app/event-store';
import { createEmbeddedEventStore, PgliteDatabase } from '@app/event-store/embedded';
import { createPgliteExecutor, type SchemaDatabase } from '../database';
import { advanceCheckpoint, ensureConsumer, readCheckpoint } from '../store/checkpoints';
import { migrateConsumerStore } from '../store/consumer-migrations';
import { listSetAside } from '../store/set-aside';
import { BatchRunner } from './batch-runner';
import type { ConsumerBatch, ConsumerHandler } from './consumer-handler';
import { BY_SESSION } from './session-streams';

jest.setTimeout(60_000);

const event = (type: string): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data: {},
  metadata: {
    occurredAt: '2026-03-01T12:00:00.000Z',
    actor: { userId: 'u', role: 'professional' },
    correlationId: 'c',
    causationId: 'c',
  },
});

/** A handler that records what it was handed and fails on the events it is told to. */
class ScriptedHandler implements ConsumerHandler {
  readonly handed: string[][] = [];
  readonly failures = new Map<string, () => Error>();
  readonly sessionOf = BY_SESSION.sessionOf;
  readonly clearsSession = BY_SESSION.clearsSession;
  readonly sessionEvents = BY_SESSION.sessionEvents;

  async handle(batch: ConsumerBatch): Promise<void> {
    this.handed.push(batch.events.map((e) => e.streamId));
    for (const e of batch.events) {
      const failure = this.failures.get(e.eventId);
      if (failure) throw failure();
    }
    await batch.commitAlone();
  }
}

describe('the core’s batches, with events that fail', () => {
  let database: PgliteDatabase;
  let db: SchemaDatabase;
  let store: EventStore;
  beforeAll(async () => {
    database = await PgliteDatabase.open();
    db = await createPgliteExecutor({ database, schema: 'consumers_core' });
    await migrateConsumerStore(db);
    store = await createEmbeddedEventStore({ database, schema: 'core_events' });
  });
  afterAll(() => database.close());

  let name: string;
  let handler: ScriptedHandler;
  const runner = (lost = new AbortController().signal, setAside = new Set<string>()): BatchRunner =>
    new BatchRunner({
      consumer: name,
      generation: 1,
      followsActive: true,
      db,
      eventStore: store,
      handler,
      setAside,
      lost,
      logger: silentLogger,
      retryPauseMs: 1,
    });
  /** Appends one event per stream given, in order, and reads them back. */
  const log = async (...streams: string[]): Promise<RecordedEvent[]> => {
    const before = await store.headPosition();
    for (const streamId of streams) {
      const type = streamId.startsWith('session-deletion-') ? 'SessionDeleted' : 'Something';
      await store.append(streamId, [event(type)], 'any');
    }
    return store.readAll({ after: before, maxCount: 100 });
  };

  beforeEach(async () => {
    name = `c-${randomUUID().slice(0, 8)}`;
    handler = new ScriptedHandler();
    await db.transaction((tx) => ensureConsumer(tx, name));
  });

  it('hands the whole batch over once when nothing fails', async () => {
    const events = await log('session-a', 'session-b', 'session-a');
    expect(await runner().run(events, undefined)).toEqual({
      kind: 'applied',
      position: events[2]?.position,
    });
    expect(handler.handed).toEqual([['session-a', 'session-b', 'session-a']]);
    expect((await readCheckpoint(db, name, 1))?.eventsHandled).toBe(3);
  });

  it('finds the event that fails alone, tries it 3 times, sets its session aside, and carries on', async () => {
    const events = await log('session-a', 'session-bad', 'session-b', 'session-bad', 'session-c');
    const poison = events[1];
    const long = 'x'.repeat(300);
    handler.failures.set(poison.eventId, () =>
      Object.assign(new Error(`value out of range ${long}`), { code: '22003' }),
    );
    const set = new Set<string>();
    const batches = runner(new AbortController().signal, set);
    expect(await batches.run(events, undefined)).toEqual({
      kind: 'applied',
      position: events[4]?.position,
    });
    expect(handler.handed).toEqual([
      ['session-a', 'session-bad', 'session-b', 'session-bad', 'session-c'],
      // In halves, in order, down to the event that fails alone, tried 3 times.
      ['session-a', 'session-bad', 'session-b'],
      ['session-a', 'session-bad'],
      ['session-a'],
      ['session-bad'],
      ['session-bad'],
      ['session-bad'],
      ['session-b'],
      // The session's later event is skipped; the others flow.
      ['session-c'],
    ]);
    expect([...set]).toEqual(['bad']);
    const { sessions } = await listSetAside(db, name, 1);
    expect(sessions).toMatchObject([
      {
        sessionId: 'bad',
        event: { streamId: 'session-bad', eventId: poison.eventId, position: poison.position },
        errorCode: '22003',
      },
    ]);
    expect(sessions[0]?.errorMessage).toHaveLength(200);

    // Its deletion is handed over all the same, and clears the record.
    handler.handed.length = 0;
    const more = await log('session-bad', 'session-deletion-bad');
    await batches.run(more, events[4]?.position);
    expect(handler.handed).toEqual([['session-deletion-bad']]);
    expect((await listSetAside(db, name, 1)).count).toBe(0);
    expect(set.size).toBe(0);
  });

  it('never sets aside for a transient error: it throws for the caller to back off', async () => {
    const events = await log('session-a', 'session-b');
    handler.failures.set(events[1].eventId, () =>
      Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      }),
    );
    await expect(runner().run(events, undefined)).rejects.toThrow('administrator command');
    expect(handler.handed).toHaveLength(1);
    expect((await listSetAside(db, name, 1)).count).toBe(0);
    expect((await readCheckpoint(db, name, 1))?.position).toBeUndefined();
  });

  it('sets aside the session of a batch of one event that fails', async () => {
    const events = await log('session-lone');
    handler.failures.set(events[0].eventId, () => new TypeError('bug'));
    expect(await runner().run(events, undefined)).toEqual({
      kind: 'applied',
      position: events[0].position,
    });
    // Tried once in its batch, then retried 3 times alone.
    expect(handler.handed).toEqual([
      ['session-lone'],
      ['session-lone'],
      ['session-lone'],
      ['session-lone'],
    ]);
    expect((await listSetAside(db, name, 1)).sessions.map((s) => s.sessionId)).toEqual(['lone']);
  });

  it('retries an event of no session until it applies (nothing to set aside)', async () => {
    const events = await log('workstation-p');
    handler.failures.set(events[0].eventId, () => new TypeError('bug'));
    await expect(runner().run(events, undefined)).rejects.toThrow('bug');
    expect(handler.handed).toHaveLength(4);
    expect((await listSetAside(db, name, 1)).count).toBe(0);
  });

  it('stops at a checkpoint someone else moved, and commits nothing once the lease is lost', async () => {
    const events = await log('session-a');
    await db.transaction((tx) => advanceCheckpoint(tx, name, 1, events[0], 1));
    expect(await runner().run(events, undefined)).toEqual({ kind: 'moved' });
    const lost = new AbortController();
    lost.abort();
    expect(await runner(lost.signal).run(events, events[0]?.position)).toEqual({ kind: 'moved' });
    expect((await readCheckpoint(db, name, 1))?.eventsHandled).toBe(1);
  });
});
