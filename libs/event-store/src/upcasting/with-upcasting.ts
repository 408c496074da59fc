import type {
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamContents,
  SubscribeOptions,
} from '../port';
import type { UpcasterRegistry } from './upcaster-registry';

/**
 * An EventStore whose reads return events in their newest schema. Stored events are never
 * rewritten: `storedSchemaVersion` keeps what the store holds, and a refused upcast returns the
 * stored data with `upcastError` rather than failing the read.
 */
export function withUpcasting(store: EventStore, registry: UpcasterRegistry): EventStore {
  const upcastAll = (events: RecordedEvent[]): RecordedEvent[] =>
    events.map((event) => registry.upcast(event));

  return {
    append: (streamId, events, expectedVersion) => store.append(streamId, events, expectedVersion),
    readStream: async (streamId: string, options?: ReadStreamOptions) =>
      upcastAll(await store.readStream(streamId, options)),
    readStreams: async (streamIds: readonly string[]) =>
      (await store.readStreams(streamIds)).map((contents): StreamContents =>
        contents.kind === 'events'
          ? { ...contents, events: contents.events.map((event) => registry.upcast(event)) }
          : contents,
      ),
    readAll: async (options: ReadAllOptions) => upcastAll(await store.readAll(options)),
    subscribe: (options?: SubscribeOptions) => upcastIterable(store.subscribe(options), registry),
    headPosition: () => store.headPosition(),
    deleteStream: (streamId, expectedVersion) => store.deleteStream(streamId, expectedVersion),
    close: () => store.close(),
  };
}

async function* upcastIterable(
  source: AsyncIterable<RecordedEvent>,
  registry: UpcasterRegistry,
): AsyncGenerator<RecordedEvent> {
  // for-await forwards an early return to the source, so breaking out still ends the subscription.
  for await (const event of source) yield registry.upcast(event);
}
