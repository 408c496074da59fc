import type { ConsumerKind, ConsumerStatus } from '@app/consumers';
import { Counter, Gauge, type Registry } from 'prom-client';

export interface ConsumerMetricsOptions {
  /** One status read serves every metric of a scrape: the figures agree and the store is asked once. */
  readonly cacheMs?: number;
}

type Source = () => Promise<readonly ConsumerStatus[]>;

/** Most set-aside sessions named per consumer: the count is exact, the names a sample. */
const NAMED_SET_ASIDE = 100;

/** Reads the status once per scrape, whichever metric is collected first. */
function memoised(
  source: Source,
  cacheMs: number,
): () => Promise<readonly ConsumerStatus[] | undefined> {
  let cached: { at: number; value: Promise<readonly ConsumerStatus[] | undefined> } | undefined;
  return () => {
    const now = Date.now();
    if (cached === undefined || now - cached.at > cacheMs) {
      // A failing status read must not fail the whole scrape: `_status_up` says it instead.
      cached = { at: now, value: source().catch(() => undefined) };
    }
    return cached.value;
  };
}

type Read = () => Promise<readonly ConsumerStatus[] | undefined>;

/**
 * Position, lag (events and seconds), last batch size, state, events and errors of each
 * consumer of one kind: `projection_lag_events{projection="calendar"}`,
 * `publisher_lag_seconds{publisher="kafka-publisher"}`.
 */
function registerKind(registry: Registry, kind: ConsumerKind, read: Read): void {
  const label = kind;
  const registers = [registry];
  const ofKind = async () => ((await read()) ?? []).filter((s) => s.kind === kind);
  const gauge = (suffix: string, help: string, value: (s: ConsumerStatus) => number | undefined) =>
    new Gauge({
      name: `${kind}_${suffix}`,
      help,
      labelNames: [label],
      registers,
      async collect() {
        this.reset();
        for (const status of await ofKind()) {
          const v = value(status);
          if (v !== undefined) this.set({ [label]: status.name }, v);
        }
      },
    });
  // Counters whose totals the consumer keeps: set to its figure on every scrape (reset + inc),
  // so a restart of the consumer shows as a counter reset, which Prometheus' rate() expects.
  const counter = (suffix: string, help: string, value: (s: ConsumerStatus) => number) =>
    new Counter({
      name: `${kind}_${suffix}`,
      help,
      labelNames: [label],
      registers,
      async collect() {
        this.reset();
        for (const status of await ofKind()) {
          this.inc({ [label]: status.name }, Math.max(0, value(status)));
        }
      },
    });

  // Positions are opaque decimal strings; the gauge carries them as numbers, exact up to 2^53,
  // which is enough to watch them move (compare positions exactly through the admin API).
  gauge('position', `Global position of the last event the ${kind} handled`, (s) =>
    s.position === null ? undefined : Number(s.position),
  );
  gauge(
    'lag_events',
    `Events stored after the ${kind}'s checkpoint (capped when far behind)`,
    (s) => s.lagEvents,
  );
  gauge('lag_seconds', `How far behind the head the ${kind} is, in seconds`, (s) => s.lagSeconds);
  gauge('last_batch_events', `Events in the ${kind}'s last batch`, (s) => s.lastBatch?.events);
  counter(
    'errors_total',
    `Failures of the ${kind} (each retried after a backoff)`,
    (s) => s.totals.errors,
  );
  counter(
    'events_total',
    `Events handled by the ${kind} since the process running it started`,
    (s) => s.totals.events,
  );
  new Gauge({
    name: `${kind}_state`,
    help: `State of each ${kind}: the series of its current state is 1`,
    labelNames: [label, 'state'],
    registers,
    async collect() {
      this.reset();
      for (const status of await ofKind())
        this.set({ [label]: status.name, state: status.state }, 1);
    },
  });
  new Gauge({
    name: `${kind}_status_up`,
    help: `1 when the ${kind} status could be read at this scrape, else 0`,
    registers,
    async collect() {
      this.set((await read()) === undefined ? 0 : 1);
    },
  });
}

/**
 * Every consumer of the log, fed from one status function collected on scrape, so nothing has
 * to push figures: the per-kind families above, and the ones to alert on whatever the kind:
 * `consumer_degraded{consumer}` (1 while the consumer has an error, sessions set aside, or is
 * held back by an open transaction), `consumer_set_aside_streams{consumer}` (how many sessions
 * it set aside) and `consumer_set_aside_session{consumer,session}` naming them.
 */
export function registerConsumerMetrics(
  registry: Registry,
  source: Source,
  options: ConsumerMetricsOptions = {},
): void {
  const read = memoised(source, options.cacheMs ?? 1_000);
  registerKind(registry, 'projection', read);
  registerKind(registry, 'publisher', read);
  const registers = [registry];
  new Gauge({
    name: 'consumer_degraded',
    help: 'Whether a consumer of the log is degraded (an error, sessions set aside, held back): 1 or 0',
    labelNames: ['consumer'],
    registers,
    async collect() {
      this.reset();
      for (const status of (await read()) ?? []) {
        this.set({ consumer: status.name }, status.health.state === 'degraded' ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'consumer_set_aside_streams',
    help: 'Sessions (session-<id> streams) a consumer set aside: an event of theirs cannot be applied',
    labelNames: ['consumer'],
    registers,
    async collect() {
      this.reset();
      for (const status of (await read()) ?? []) {
        this.set({ consumer: status.name }, status.setAsideCount);
      }
    },
  });
  new Gauge({
    name: 'consumer_set_aside_session',
    help: `The sessions set aside, one series each (at most ${NAMED_SET_ASIDE} per consumer)`,
    labelNames: ['consumer', 'session'],
    registers,
    async collect() {
      this.reset();
      for (const status of (await read()) ?? []) {
        for (const session of status.setAside.slice(0, NAMED_SET_ASIDE)) {
          this.set({ consumer: status.name, session: session.sessionId }, 1);
        }
      }
    },
  });
}
