import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * What a consumer of the event log (a projection, the Kafka publisher) reports about itself.
 * Positions are opaque decimal strings; the gauge carries them as numbers, exact up to 2^53,
 * which is enough to watch them move (compare positions exactly through the admin API).
 */
export interface ConsumerStatus {
  readonly name: string;
  /** running, standby, live, retrying...: one `_state` series per consumer, set to 1. */
  readonly state: string;
  readonly position: string | undefined;
  readonly lagEvents: number;
  readonly lagSeconds: number;
  /** Events in the last batch handled; undefined before the first. */
  readonly lastBatchEvents?: number;
  /** Failures since the process started. */
  readonly errorsTotal: number;
  /** Events handled since the process started, when the consumer counts them. */
  readonly eventsTotal?: number;
}

export type ConsumerKind = 'projection' | 'publisher';

export interface ConsumerMetricsOptions {
  /** One status read serves every metric of a scrape: the figures agree and the store is asked once. */
  readonly cacheMs?: number;
}

type Source = () => Promise<readonly ConsumerStatus[]>;

/** Reads the status once per scrape, whichever of the consumer's metrics is collected first. */
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

/**
 * Position, lag (events and seconds), last batch size, state, events and errors of each consumer
 * of one kind, fed from a status function collected on scrape, so nothing has to push figures.
 * Metric names start with the kind: `projection_lag_events{projection="calendar"}`,
 * `publisher_lag_seconds{publisher="kafka-publisher"}`.
 */
export function registerConsumerMetrics(
  registry: Registry,
  kind: ConsumerKind,
  source: Source,
  options: ConsumerMetricsOptions = {},
): void {
  const read = memoised(source, options.cacheMs ?? 1_000);
  const label = kind;
  const registers = [registry];

  const gauge = (suffix: string, help: string, value: (s: ConsumerStatus) => number | undefined) =>
    new Gauge({
      name: `${kind}_${suffix}`,
      help,
      labelNames: [label],
      registers,
      async collect() {
        this.reset();
        for (const status of (await read()) ?? []) {
          const v = value(status);
          if (v !== undefined) this.set({ [label]: status.name }, v);
        }
      },
    });
  // Counters whose totals the consumer keeps: set to its figure on every scrape (reset + inc),
  // so a restart of the consumer shows as a counter reset, which Prometheus' rate() expects.
  const counter = (
    suffix: string,
    help: string,
    value: (s: ConsumerStatus) => number | undefined,
  ) =>
    new Counter({
      name: `${kind}_${suffix}`,
      help,
      labelNames: [label],
      registers,
      async collect() {
        this.reset();
        for (const status of (await read()) ?? []) {
          const v = value(status);
          if (v !== undefined) this.inc({ [label]: status.name }, Math.max(0, v));
        }
      },
    });

  gauge('position', `Global position of the last event the ${kind} handled`, (s) =>
    s.position === undefined ? undefined : Number(s.position),
  );
  gauge(
    'lag_events',
    `Events stored after the ${kind}'s checkpoint (capped when far behind)`,
    (s) => s.lagEvents,
  );
  gauge('lag_seconds', `How far behind the head the ${kind} is, in seconds`, (s) => s.lagSeconds);
  gauge('last_batch_events', `Events in the ${kind}'s last batch`, (s) => s.lastBatchEvents);
  counter(
    'errors_total',
    `Failures of the ${kind} (each retried after a backoff)`,
    (s) => s.errorsTotal,
  );
  counter(
    'events_total',
    `Events handled by the ${kind} since the process started`,
    (s) => s.eventsTotal,
  );
  new Gauge({
    name: `${kind}_state`,
    help: `State of each ${kind}: the series of its current state is 1`,
    labelNames: [label, 'state'],
    registers,
    async collect() {
      this.reset();
      for (const status of (await read()) ?? [])
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
