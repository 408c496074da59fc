import type { ReadAllOptions, RecordedEvent } from '../port';
import { silentLogger } from '../logging';
import { followAll, type SubscriptionSettings } from './subscription';
import { Wakeup } from './wakeup';

const SETTINGS: SubscriptionSettings = {
  batchSize: 100,
  pollIntervalMs: 60_000,
  retryDelayMs: 10,
  minReadIntervalMs: 40,
};

function eventAt(sequence: number): RecordedEvent {
  return {
    eventId: `e${sequence}`,
    streamId: 'session-1',
    type: 'SessionScheduled',
    schemaVersion: 1,
    storedSchemaVersion: 1,
    data: {},
    metadata: {
      occurredAt: new Date(0).toISOString(),
      actor: { userId: 'pro-1', role: 'professional' },
      correlationId: `c${sequence}`,
      causationId: `c${sequence}`,
    },
    streamVersion: 0,
    position: String(sequence),
    recordedAt: new Date(0).toISOString(),
  };
}

/** A log in memory that records when it is read, and the wake-ups of its commits. */
function logSource() {
  const wakeup = new Wakeup();
  const log: RecordedEvent[] = [];
  const readsAt: number[] = [];
  const source = {
    wakeup,
    logger: silentLogger,
    readAll: (options: ReadAllOptions): Promise<RecordedEvent[]> => {
      readsAt.push(performance.now());
      const after = options.after === undefined ? -1 : Number(options.after);
      return Promise.resolve(
        log.filter((e) => Number(e.position) > after).slice(0, options.maxCount),
      );
    },
  };
  return { wakeup, log, readsAt, source };
}

describe('followAll live reads', () => {
  it('reads at most once a minReadIntervalMs however often commits wake it, and delivers every event once', async () => {
    const { wakeup, log, readsAt, source } = logSource();
    const controller = new AbortController();
    const delivered: string[] = [];
    const following = (async () => {
      for await (const event of followAll(source, undefined, SETTINGS, controller.signal)) {
        delivered.push(event.position);
      }
    })();
    // A commit (and its wake-up) every 2 ms for 400 ms: 200 wake-ups.
    for (let sequence = 0; sequence < 200; sequence += 1) {
      log.push(eventAt(sequence));
      wakeup.wake();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    while (delivered.length < 200) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    wakeup.wake();
    await following;

    expect(delivered).toEqual(log.map((e) => e.position));
    const gaps = readsAt.slice(1).map((at, i) => at - (readsAt[i] ?? at));
    // Timers may fire a little early by the clock's rounding; never a read per commit.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(SETTINGS.minReadIntervalMs - 2);
    expect(readsAt.length).toBeLessThan(200 / 5);
  });

  it('reads at once on the first wake-up after a quiet spell', async () => {
    const { wakeup, log, source } = logSource();
    const controller = new AbortController();
    const delivered: number[] = [];
    const following = (async () => {
      for await (const event of followAll(source, undefined, SETTINGS, controller.signal)) {
        if (event.position === '0') delivered.push(performance.now());
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 3 * SETTINGS.minReadIntervalMs));
    const committedAt = performance.now();
    log.push(eventAt(0));
    wakeup.wake();
    while (delivered.length < 1) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await following;
    // No throttle delay when the last read was long enough ago (only the event loop's turn).
    expect((delivered[0] ?? Infinity) - committedAt).toBeLessThan(SETTINGS.minReadIntervalMs);
  });
});
