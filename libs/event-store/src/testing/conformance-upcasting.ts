import type { EventStore, JsonObject, Upcaster } from '../port';
import { createUpcasterRegistry, withUpcasting } from '../upcasting';
import type { ConformanceContext } from './conformance-context';
import { freshStreamId, newEvent } from './conformance-fixtures';

const TYPE = 'ConformanceGreeting';

/** v1 {name} -> v2 {greeting}; refuses an empty name, to show a visible upcastError. */
const greetingV1ToV2: Upcaster = {
  eventType: TYPE,
  fromVersion: 1,
  toVersion: 2,
  upcast(data: JsonObject) {
    const name = data.name;
    if (typeof name !== 'string' || name.length === 0) {
      return { ok: false, error: { code: 'no-name', message: 'v1 greeting without a name' } };
    }
    return { ok: true, data: { greeting: `Hello, ${name}` } };
  },
};

export function upcastingCases(context: ConformanceContext): void {
  let store: EventStore;
  beforeAll(() => {
    store = withUpcasting(context.store(), createUpcasterRegistry([greetingV1ToV2]));
  });

  it('reads a stored v1 event upcast, keeping the stored schema version', async () => {
    const streamId = freshStreamId();
    await store.append(
      streamId,
      [newEvent(TYPE, { name: 'Ada' }), newEvent(TYPE, { name: '' })],
      'no-stream',
    );
    const [upcast, refused] = await store.readStream(streamId);
    expect(upcast).toMatchObject({
      schemaVersion: 2,
      storedSchemaVersion: 1,
      data: { greeting: 'Hello, Ada' },
    });
    expect(upcast?.upcastError).toBeUndefined();
    expect(refused).toMatchObject({
      schemaVersion: 1,
      storedSchemaVersion: 1,
      data: { name: '' },
      upcastError: { code: 'no-name' },
    });
  });
}
