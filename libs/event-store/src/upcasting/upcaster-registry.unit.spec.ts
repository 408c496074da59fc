import type { JsonObject, RecordedEvent, Upcaster } from '../port';
import { createUpcasterRegistry } from './upcaster-registry';

const event = (type: string, schemaVersion: number, data: JsonObject): RecordedEvent => ({
  eventId: 'e1',
  type,
  streamId: 's',
  streamVersion: 0,
  position: '1',
  schemaVersion,
  storedSchemaVersion: schemaVersion,
  data,
  metadata: {
    occurredAt: 't',
    actor: { userId: 'u', role: 'r' },
    correlationId: 'c',
    causationId: 'c',
  },
  recordedAt: 't',
});

const step = (
  eventType: string,
  fromVersion: number,
  toVersion: number,
  f: (d: JsonObject) => JsonObject,
): Upcaster => ({
  eventType,
  fromVersion,
  toVersion,
  upcast: (data) => ({ ok: true, data: f(data) }),
});

describe('createUpcasterRegistry', () => {
  const v1to2 = step('Thing', 1, 2, (d) => ({ ...d, b: 2 }));
  const v2to3 = step('Thing', 2, 3, (d) => ({ ...d, c: 3 }));

  it('chains v1 -> v2 -> v3, keeping the stored version', () => {
    const registry = createUpcasterRegistry([v2to3, v1to2]);
    const upcast = registry.upcast(event('Thing', 1, { a: 1 }));
    expect(upcast.data).toEqual({ a: 1, b: 2, c: 3 });
    expect(upcast.schemaVersion).toBe(3);
    expect(upcast.storedSchemaVersion).toBe(1);
    expect(registry.latestVersion('Thing')).toBe(3);
    expect(registry.latestVersion('Other')).toBeUndefined();
  });

  it('starts the chain at the stored version', () => {
    const registry = createUpcasterRegistry([v1to2, v2to3]);
    const upcast = registry.upcast(event('Thing', 2, { a: 1 }));
    expect(upcast).toMatchObject({
      data: { a: 1, c: 3 },
      schemaVersion: 3,
      storedSchemaVersion: 2,
    });
  });

  it('returns events of other types and versions as they are', () => {
    const registry = createUpcasterRegistry([v1to2]);
    const other = event('Other', 1, { a: 1 });
    const newest = event('Thing', 2, { a: 1 });
    expect(registry.upcast(other)).toBe(other);
    expect(registry.upcast(newest)).toBe(newest);
  });

  it('a refusal anywhere in the chain keeps the stored data and version, with the error', () => {
    const refuse: Upcaster = {
      eventType: 'Thing',
      fromVersion: 2,
      toVersion: 3,
      upcast: () => ({ ok: false, error: { code: 'nope', message: 'no' } }),
    };
    const registry = createUpcasterRegistry([v1to2, refuse]);
    const upcast = registry.upcast(event('Thing', 1, { a: 1 }));
    expect(upcast).toMatchObject({
      data: { a: 1 },
      schemaVersion: 1,
      storedSchemaVersion: 1,
      upcastError: { code: 'nope', message: 'no' },
    });
  });

  it('turns an upcaster that throws into an upcastError, not a failed read', () => {
    const broken: Upcaster = {
      eventType: 'Thing',
      fromVersion: 1,
      toVersion: 2,
      upcast: () => {
        throw new Error('boom');
      },
    };
    const upcast = createUpcasterRegistry([broken]).upcast(event('Thing', 1, { a: 1 }));
    expect(upcast.upcastError).toEqual({
      code: 'upcaster-failed',
      message: expect.stringContaining('boom'),
    });
    expect(upcast.data).toEqual({ a: 1 });
  });

  it('protects the stored data from an upcaster that mutates its input', () => {
    const mutating = step('Thing', 1, 2, (d) => {
      d.a = 'changed';
      return d;
    });
    const stored = event('Thing', 1, { a: 1 });
    const upcast = createUpcasterRegistry([mutating]).upcast(stored);
    expect(stored.data).toEqual({ a: 1 });
    expect(upcast.data).toEqual({ a: 'changed' });
  });

  it('leaves an event that already carries an upcastError alone', () => {
    const refused = { ...event('Thing', 1, { a: 1 }), upcastError: { code: 'x', message: 'y' } };
    expect(createUpcasterRegistry([v1to2]).upcast(refused)).toBe(refused);
  });

  it('refuses two upcasters for the same step, and steps that do not move forward', () => {
    expect(() => createUpcasterRegistry([v1to2, step('Thing', 1, 2, (d) => d)])).toThrow(
      /Two upcasters/,
    );
    expect(() => createUpcasterRegistry([step('Thing', 2, 2, (d) => d)])).toThrow(/higher version/);
    expect(() => createUpcasterRegistry([step('Thing', 2, 1, (d) => d)])).toThrow(/higher version/);
    expect(() => createUpcasterRegistry([step('Thing', 1.5, 2, (d) => d)])).toThrow(
      /higher version/,
    );
  });
});
