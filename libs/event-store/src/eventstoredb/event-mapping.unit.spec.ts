import { StoreRefusedError, type NewEvent } from '../port';
import {
  fromEsdbEvent,
  isSystemEvent,
  toEventData,
  type EsdbRecordedEventLike,
} from './event-mapping';
import { decodePosition } from './positions';

const newEvent: NewEvent = {
  eventId: '3f1d0c3e-1111-4000-8000-000000000001',
  type: 'SessionCancelled',
  schemaVersion: 3,
  data: { reason: 'cancelled-by-client', late: true },
  metadata: {
    occurredAt: '2026-03-01T09:00:00.000Z',
    actor: { userId: 'pro-1', role: 'professional' },
    correlationId: 'corr-1',
    causationId: 'cause-1',
    idempotencyKey: 'k-1',
  },
};

/** What the server gives back for what toEventData wrote: the metadata went through JSON. */
function asStored(overrides: Partial<EsdbRecordedEventLike> = {}): EsdbRecordedEventLike {
  const data = toEventData(newEvent);
  return {
    streamId: 'session-1',
    id: data.id,
    revision: 4n,
    type: data.type,
    created: new Date('2026-03-01T09:00:00.123Z'),
    isJson: true,
    data: JSON.parse(JSON.stringify(data.data)),
    metadata: JSON.parse(JSON.stringify(data.metadata)),
    position: { commit: 7000n, prepare: 6999n },
    ...overrides,
  };
}

describe('event mapping', () => {
  it('writes JSON data, and our metadata plus the schema version as JSON metadata', () => {
    expect(toEventData(newEvent)).toEqual({
      id: newEvent.eventId,
      contentType: 'application/json',
      type: 'SessionCancelled',
      data: newEvent.data,
      metadata: { ...newEvent.metadata, schemaVersion: 3 },
    });
  });

  it('the event schema version wins over a metadata extra of the same name', () => {
    const clash = { ...newEvent, metadata: { ...newEvent.metadata, schemaVersion: 99 } };
    expect(toEventData(clash).metadata).toMatchObject({ schemaVersion: 3 });
  });

  it('reads back everything it wrote, with the store’s version, position and time', () => {
    const recorded = fromEsdbEvent(asStored());
    expect(recorded).toEqual({
      eventId: newEvent.eventId,
      type: 'SessionCancelled',
      streamId: 'session-1',
      streamVersion: 4,
      position: ((7000n << 64n) | 6999n).toString(),
      schemaVersion: 3,
      storedSchemaVersion: 3,
      data: newEvent.data,
      metadata: newEvent.metadata,
      recordedAt: '2026-03-01T09:00:00.123Z',
    });
    expect(decodePosition(recorded.position)).toEqual({ commit: 7000n, prepare: 6999n });
    expect(() => JSON.stringify(recorded)).not.toThrow();
  });

  it('takes an event stored without a schema version as version 1', () => {
    const stored = asStored({
      metadata: {
        occurredAt: 'x',
        actor: { userId: 'u', role: 'r' },
        correlationId: 'c',
        causationId: 'd',
      },
    });
    expect(fromEsdbEvent(stored)).toMatchObject({ schemaVersion: 1, storedSchemaVersion: 1 });
    expect(fromEsdbEvent(asStored({ metadata: { schemaVersion: 'two' } })).schemaVersion).toBe(1);
    expect(fromEsdbEvent(asStored({ metadata: { schemaVersion: 0 } })).schemaVersion).toBe(1);
  });

  it('fills the metadata of an event written by another tool from what the store knows', () => {
    const foreign = fromEsdbEvent(asStored({ metadata: undefined }));
    expect(foreign.metadata).toEqual({
      occurredAt: '2026-03-01T09:00:00.123Z',
      actor: { userId: 'unknown', role: 'unknown' },
      correlationId: newEvent.eventId,
      causationId: newEvent.eventId,
    });
    expect(fromEsdbEvent(asStored({ metadata: new Uint8Array([1, 2]) })).metadata.actor).toEqual({
      userId: 'unknown',
      role: 'unknown',
    });
    expect(fromEsdbEvent(asStored({ metadata: { actor: 'someone' } })).metadata.actor).toEqual({
      userId: 'unknown',
      role: 'unknown',
    });
  });

  it('keeps a payload that is not a JSON object visible under raw', () => {
    expect(
      fromEsdbEvent(asStored({ isJson: false, data: new Uint8Array([104, 105]) })).data,
    ).toEqual({ raw: 'aGk=' });
    expect(fromEsdbEvent(asStored({ data: 'not json {' })).data).toEqual({ raw: 'not json {' });
    expect(fromEsdbEvent(asStored({ data: [1, 2] })).data).toEqual({ raw: [1, 2] });
  });

  it('refuses an event without a position (servers before 22.6) rather than invent one', () => {
    expect(() => fromEsdbEvent(asStored({ position: undefined }))).toThrow(/22\.6/);
    const none = (1n << 64n) - 1n;
    expect(() => fromEsdbEvent(asStored({ position: { commit: none, prepare: none } }))).toThrow(
      StoreRefusedError,
    );
  });

  it.each([
    [{ type: '$metadata', streamId: '$$session-1' }, true],
    [{ type: '$>', streamId: '$ce-session' }, true],
    [{ type: '$statsCollected', streamId: '$stats-127.0.0.1:2113' }, true],
    [{ type: 'Something', streamId: '$projections-x' }, true],
    [{ type: 'SessionScheduled', streamId: 'session-1' }, false],
  ])('%j is a system event: %s', (event, system) => {
    expect(isSystemEvent(event)).toBe(system);
  });
});
