import { randomUUID } from 'node:crypto';
import {
  StoreUnavailableError,
  type EventStore,
  type JsonObject,
  type NewEvent,
  type Position,
  type RecordedEvent,
} from '../port';
import { pause } from '../pause';

/** A stream id no other test (nor another run on a shared server) can have used. */
export function freshStreamId(category = 'conformance'): string {
  return `${category}-${randomUUID()}`;
}

export function newEvent(
  type: string,
  data: JsonObject = {},
  overrides: Partial<NewEvent> = {},
): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: {
      occurredAt: '2026-11-25T10:00:00.000Z',
      actor: { userId: 'user-1', role: 'professional' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
    ...overrides,
  };
}

export function newEvents(count: number, type = 'Tested'): NewEvent[] {
  return Array.from({ length: count }, (_, index) => newEvent(type, { index }));
}

/** Polls `probe` until it returns a value, failing with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await pause(20);
  }
}

/** Every event after `after` in $all that belongs to one of `streams`, in $all order. */
export async function readAllOf(
  store: EventStore,
  after: Position | undefined,
  streams: ReadonlySet<string>,
): Promise<RecordedEvent[]> {
  const found: RecordedEvent[] = [];
  let from = after;
  for (;;) {
    const page = await store.readAll({ after: from, maxCount: 500 });
    if (page.length === 0) return found;
    found.push(...page.filter((event) => streams.has(event.streamId)));
    from = page[page.length - 1].position;
  }
}

/**
 * Waits until $all shows `count` events of `streams` after `after`. A store may show a commit a
 * moment later (PostgreSQL: only below the oldest transaction still in flight, and other test
 * files share the server), so tests wait for the condition instead of reading once.
 */
export function readAllUntil(
  store: EventStore,
  after: Position | undefined,
  streams: ReadonlySet<string>,
  count: number,
): Promise<RecordedEvent[]> {
  return eventually(`${count} events in $all`, async () => {
    const events = await readAllOf(store, after, streams);
    return events.length >= count ? events : undefined;
  });
}

/** Retries an operation the store refused as unavailable (a caller's normal reaction). */
export async function retryUnavailable<T>(operation: () => Promise<T>, attempts = 50): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError) || attempt >= attempts) throw error;
      await pause(50);
    }
  }
}

/**
 * Consumes a subscription in the background, keeping the events of `streams`, so a test can wait
 * for a condition on what arrived and then stop it.
 */
export class Collector {
  readonly events: RecordedEvent[] = [];
  readonly allPositions: Position[] = [];
  private readonly controller = new AbortController();
  private failure: Error | undefined;
  private readonly done: Promise<void>;

  constructor(
    store: EventStore,
    after: Position | undefined,
    private readonly streams: ReadonlySet<string>,
  ) {
    const subscription = store.subscribe({ after, signal: this.controller.signal });
    this.done = (async () => {
      try {
        for await (const event of subscription) {
          this.allPositions.push(event.position);
          if (this.streams.has(event.streamId)) this.events.push(event);
        }
      } catch (error) {
        this.failure = error instanceof Error ? error : new Error(String(error));
      }
    })();
  }

  async waitFor(count: number, timeoutMs = 15_000): Promise<RecordedEvent[]> {
    return eventually(
      `${count} events from the subscription`,
      () => {
        if (this.failure !== undefined) throw this.failure;
        return Promise.resolve(this.events.length >= count ? [...this.events] : undefined);
      },
      timeoutMs,
    );
  }

  /** Aborts and waits for the iteration to end; rethrows what ended it early, if anything. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.done;
    if (this.failure !== undefined) throw this.failure;
  }
}
