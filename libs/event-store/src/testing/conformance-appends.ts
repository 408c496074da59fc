import { isPosition, WrongExpectedVersionError, type EventStore } from '../port';
import type { ConformanceContext } from './conformance-context';
import { freshStreamId, newEvent, newEvents, readAllUntil } from './conformance-fixtures';

async function expectConflict(
  attempt: Promise<unknown>,
  expected: WrongExpectedVersionError['expected'],
  actual: WrongExpectedVersionError['actual'],
): Promise<void> {
  const error: unknown = await attempt.then(
    () => new Error('append succeeded'),
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  expect(error).toMatchObject({ expected, actual });
}

export function appendCases(context: ConformanceContext): void {
  let store: EventStore;
  beforeAll(() => {
    store = context.store();
  });

  it('round-trips appended events through readStream', async () => {
    const streamId = freshStreamId();
    const events = [newEvent('First', { a: 1 }), newEvent('Second', { b: 'two', c: [1, 2] })];
    const result = await store.append(streamId, events, 'no-stream');
    expect(result.version).toBe(1);
    expect(isPosition(result.position)).toBe(true);

    const read = await store.readStream(streamId);
    expect(read.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
    expect(read.map((event) => event.streamVersion)).toEqual([0, 1]);
    expect(read[1]).toMatchObject({
      type: 'Second',
      streamId,
      data: { b: 'two', c: [1, 2] },
      schemaVersion: 1,
      storedSchemaVersion: 1,
      position: result.position,
    });
    for (const event of read) {
      expect(Number.isNaN(Date.parse(event.recordedAt))).toBe(false);
      expect(event.upcastError).toBeUndefined();
    }
  });

  it('preserves metadata and the schema version', async () => {
    const streamId = freshStreamId();
    const metadata = {
      occurredAt: '2026-11-25T09:30:15.123Z',
      actor: { userId: 'auditor-7', role: 'auditor' },
      correlationId: 'correlation-1',
      causationId: 'causation-1',
      tenant: 'clinic-3',
      nested: { list: [1, 'two', null, true], deep: { x: 1.5 } },
    };
    const event = newEvent('WithMetadata', { unicode: 'Zoë – ✓' }, { metadata, schemaVersion: 3 });
    await store.append(streamId, [event], 'no-stream');
    const [read] = await store.readStream(streamId);
    expect(read?.metadata).toEqual(metadata);
    expect(read?.data).toEqual({ unicode: 'Zoë – ✓' });
    expect(read?.schemaVersion).toBe(3);
    expect(read?.storedSchemaVersion).toBe(3);
  });

  describe('expected version', () => {
    it("'no-stream' creates a stream and refuses an existing one", async () => {
      const streamId = freshStreamId();
      await expect(store.append(streamId, newEvents(1), 'no-stream')).resolves.toMatchObject({
        version: 0,
      });
      await expectConflict(store.append(streamId, newEvents(1), 'no-stream'), 'no-stream', 0);
    });

    it("'any' appends to a new or an existing stream", async () => {
      const streamId = freshStreamId();
      await expect(store.append(streamId, newEvents(2), 'any')).resolves.toMatchObject({
        version: 1,
      });
      await expect(store.append(streamId, newEvents(1), 'any')).resolves.toMatchObject({
        version: 2,
      });
    });

    it('an exact version appends only at that version, else the error carries both', async () => {
      const streamId = freshStreamId();
      await store.append(streamId, newEvents(1), 'no-stream');
      await expect(store.append(streamId, newEvents(2), 0)).resolves.toMatchObject({
        version: 2,
      });
      await expectConflict(store.append(streamId, newEvents(1), 0), 0, 2);
      await expectConflict(store.append(freshStreamId(), newEvents(1), 3), 3, 'no-stream');
      expect(await store.readStream(streamId)).toHaveLength(3);
    });
  });

  describe('idempotency', () => {
    it('re-appending the same events at the same expected version returns the first result', async () => {
      const streamId = freshStreamId();
      await store.append(streamId, newEvents(1), 'no-stream');
      const events = newEvents(2);
      const first = await store.append(streamId, events, 0);
      const again = await store.append(streamId, events, 0);
      expect(again).toEqual(first);
      expect(await store.readStream(streamId)).toHaveLength(3);
    });

    it("re-appending at 'no-stream' is idempotent, also after the stream moved on", async () => {
      const streamId = freshStreamId();
      const events = newEvents(2);
      const first = await store.append(streamId, events, 'no-stream');
      await store.append(streamId, newEvents(1), 1);
      expect(await store.append(streamId, events, 'no-stream')).toEqual(first);
      expect(await store.readStream(streamId)).toHaveLength(3);
    });

    // All the port promises for 'any': a store may forget ids after a while (EventStoreDB keeps
    // only recently written ones), so only an exact expected version makes a late retry safe.
    it("re-appending at 'any' right after the first append is idempotent", async () => {
      const streamId = freshStreamId();
      await store.append(streamId, newEvents(1), 'no-stream');
      const more = newEvents(2);
      const first = await store.append(streamId, more, 'any');
      expect(await store.append(streamId, more, 'any')).toEqual(first);
      expect(await store.readStream(streamId)).toHaveLength(3);
    });

    it('takes event ids in either case, gives them back lowercase, and knows them again', async () => {
      const streamId = freshStreamId();
      const events = newEvents(2).map((event) => ({
        ...event,
        eventId: event.eventId.toUpperCase(),
      }));
      const first = await store.append(streamId, events, 'no-stream');
      expect(first.version).toBe(1);
      const read = await store.readStream(streamId);
      expect(read.map((event) => event.eventId)).toEqual(
        events.map((event) => event.eventId.toLowerCase()),
      );
      expect(read[1].position).toBe(first.position);
      const lower = events.map((event) => ({ ...event, eventId: event.eventId.toLowerCase() }));
      expect(await store.append(streamId, lower, 'no-stream')).toEqual(first);
      expect(await store.append(streamId, events, 'no-stream')).toEqual(first);
      expect(await store.readStream(streamId)).toHaveLength(2);
    });

    it('the same event ids at another expected version are refused', async () => {
      const streamId = freshStreamId();
      const events = newEvents(2);
      await store.append(streamId, events, 'no-stream');
      await store.append(streamId, newEvents(1), 1);
      await expectConflict(store.append(streamId, events, 1), 1, 2);
      expect(await store.readStream(streamId)).toHaveLength(3);
    });
  });

  it('appends a batch atomically: all events or none, contiguous in $all', async () => {
    const head = await store.headPosition();
    const streamA = freshStreamId();
    const streamB = freshStreamId();
    await store.append(streamA, newEvents(1), 'no-stream');
    await expectConflict(store.append(streamA, newEvents(3), 'no-stream'), 'no-stream', 0);
    expect(await store.readStream(streamA)).toHaveLength(1);

    await Promise.all([
      ...Array.from({ length: 5 }, () => store.append(streamA, newEvents(5), 'any')),
      ...Array.from({ length: 5 }, () => store.append(streamB, newEvents(5), 'any')),
    ]);
    const all = await readAllUntil(store, head, new Set([streamA, streamB]), 51);
    const batches = all.slice(1);
    for (let start = 0; start < batches.length; start += 5) {
      const batch = batches.slice(start, start + 5);
      expect(new Set(batch.map((event) => event.streamId)).size).toBe(1);
      const versions = batch.map((event) => event.streamVersion);
      expect(versions).toEqual(versions.map((_, index) => versions[0] + index));
    }
  });

  it('lets exactly one of 50 concurrent writers at the same expected version win', async () => {
    const streamId = freshStreamId();
    await store.append(streamId, newEvents(1), 'no-stream');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, writer) =>
        store.append(streamId, [newEvent('Raced', { writer })], 0),
      ),
    );
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const outcome of lost) {
      expect(outcome.reason).toBeInstanceOf(WrongExpectedVersionError);
      expect(outcome.reason).toMatchObject({ streamId, expected: 0, actual: 1 });
    }
    expect(await store.readStream(streamId)).toHaveLength(2);
  });
}
