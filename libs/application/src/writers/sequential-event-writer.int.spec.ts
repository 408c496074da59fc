import { scheduleSession } from '@app/domain/testing';
import { PgliteDatabase } from '@app/event-store/embedded';
import { InMemoryEventStore } from '@app/event-store/testing';
import { IdempotencyKeyInFlightError, ManualClock, SequentialIdGenerator } from '@app/platform';
import {
  CancelSessionCommand,
  CancelSessionHandler,
  DecideAndAppend,
  DeleteSessionCommand,
  DeleteSessionHandler,
  EventEnvelopes,
  ScheduleSessionCommand,
  ScheduleSessionHandler,
  type CommandRequest,
} from '../commands';
import { type IdempotencyScope, IdempotencyStore, migrateIdempotency } from '../idempotency';
import { SequentialEventWriter } from './sequential-event-writer';

jest.setTimeout(60_000);

/**
 * The EventStoreDB path through the real handlers: events in the store (an in-memory double of
 * the port, as EventStoreDB would hold them), the idempotency records in a relational database
 * (PGlite) written after the events.
 */
describe('commands on EventStoreDB (SequentialEventWriter)', () => {
  const clock = new ManualClock('2026-03-01T00:00:00Z');
  const owner = { actor: { userId: 'pro-1', role: 'professional' as const } };
  let database: PgliteDatabase;
  let records: IdempotencyStore;
  let store: InMemoryEventStore;
  let handlers: {
    schedule: ScheduleSessionHandler;
    cancel: CancelSessionHandler;
    delete: DeleteSessionHandler;
  };

  beforeAll(async () => {
    database = await PgliteDatabase.open();
    await migrateIdempotency(database, 'idem');
    records = new IdempotencyStore(database, 'idem');
    store = new InMemoryEventStore();
    const ids = new SequentialIdGenerator();
    const path = new DecideAndAppend(
      store,
      new SequentialEventWriter(store, database, records, clock),
      new EventEnvelopes(clock, ids),
    );
    handlers = {
      schedule: new ScheduleSessionHandler(path, ids),
      cancel: new CancelSessionHandler(path),
      delete: new DeleteSessionHandler(path),
    };
  });
  afterAll(() => database.close());

  const keyed = async (scope: IdempotencyScope, sessionId: string): Promise<CommandRequest> => {
    const outcome = await records.claim(scope, 'hash', sessionId, clock.now());
    if (outcome.kind !== 'claimed') throw new Error(`not claimed: ${outcome.kind}`);
    return { ...owner, idempotency: outcome.claim };
  };
  const scheduled = async (sessionId: string): Promise<void> => {
    const { data } = scheduleSession({ sessionId });
    await handlers.schedule.execute(new ScheduleSessionCommand(data, owner));
  };

  it('completes the record with the result after the events, for a replay to answer', async () => {
    await scheduled('s1');
    const scope = { caller: 'pro-1', method: 'POST', path: '/s1/cancel', key: 'k1' };
    const result = await handlers.cancel.execute(
      new CancelSessionCommand(
        { sessionId: 's1', reason: 'cancelled-by-client' },
        await keyed(scope, 's1'),
      ),
    );
    expect(result.version).toBe(2);
    expect((await store.readStream('session-s1')).map((e) => e.type)).toEqual([
      'SessionScheduled',
      'SessionCancelled',
      'NotificationRequested',
    ]);
    expect(await records.claim(scope, 'hash', 's1', clock.now())).toEqual({
      kind: 'replay',
      outcome: { kind: 'result', result },
    });
  });

  it('deletes: record first, then the tombstone, then the records but its own', async () => {
    await scheduled('s2');
    const other = { caller: 'pro-1', method: 'POST', path: '/s2/cancel', key: 'k2' };
    await keyed(other, 's2');
    const own = { caller: 'pro-1', method: 'DELETE', path: '/s2', key: 'k3' };
    const result = await handlers.delete.execute(
      new DeleteSessionCommand('s2', await keyed(own, 's2')),
    );
    await expect(store.readStream('session-s2')).rejects.toThrow('deleted');
    expect((await store.readStream('session-deletion-s2')).map((e) => e.type)).toEqual([
      'SessionDeleted',
    ]);
    expect((await records.claim(own, 'hash', 's2', clock.now())).kind).toBe('replay');
    expect(result.position).toBeDefined();
    // The other key's record went with the session: a new claim takes it.
    expect((await records.claim(other, 'hash', 's2', clock.now())).kind).toBe('claimed');
  });

  it('keeps the documented window: a lease taken over fails the record, not the events', async () => {
    await scheduled('s3');
    const scope = { caller: 'pro-1', method: 'POST', path: '/s3/cancel', key: 'k4' };
    const first = await keyed(scope, 's3');
    clock.advanceBy(31_000);
    await keyed(scope, 's3');
    await expect(
      handlers.cancel.execute(
        new CancelSessionCommand({ sessionId: 's3', reason: 'cancelled-by-client' }, first),
      ),
    ).rejects.toBeInstanceOf(IdempotencyKeyInFlightError);
    expect((await store.readStream('session-s3')).map((e) => e.type)).toContain('SessionCancelled');
  });
});
