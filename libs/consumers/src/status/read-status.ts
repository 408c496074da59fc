import { comparePositions, type EventStore } from '@app/event-store';
import type { SqlExecutor } from '@app/event-store/sql';
import { readActiveCheckpoint, type ConsumerCheckpoint } from '../store/checkpoints';
import { readReports, type ConsumerReport } from '../store/reports';
import { listSetAside } from '../store/set-aside';
import {
  consumerHealth,
  type ConsumerKind,
  type ConsumerStatus,
  type HeldBack,
} from './consumer-status';
import type { LiveConsumer } from './live-consumer';

/** Counting stops here: lag beyond it is reported as "at least" (lagEventsExact false). */
export const LAG_COUNT_LIMIT = 10_000;

/** A report older than this (three missed heartbeats and more) no longer says the consumer runs. */
export const REPORT_STALE_AFTER_MS = 30_000;

export interface StatusSources {
  /** The consumer store. */
  readonly db: SqlExecutor;
  readonly eventStore: EventStore;
  /** A transaction holding readers back, when the event store can tell (PostgreSQL). */
  readonly heldBack?: () => Promise<HeldBack | undefined>;
  readonly now?: () => Date;
  readonly countLimit?: number;
}

export interface ConsumerRef {
  readonly name: string;
  readonly kind: ConsumerKind;
  /** The consumer in this process, when it runs here. */
  readonly live?: () => LiveConsumer | undefined;
}

type Lag = Pick<ConsumerStatus, 'lagEvents' | 'lagEventsExact' | 'lagSeconds'>;

async function lagOf(
  sources: StatusSources,
  checkpoint: ConsumerCheckpoint | undefined,
  head: string | undefined,
): Promise<Lag> {
  const position = checkpoint?.position;
  if (head === undefined || (position !== undefined && comparePositions(position, head) >= 0)) {
    return { lagEvents: 0, lagEventsExact: true, lagSeconds: 0 };
  }
  const limit = sources.countLimit ?? LAG_COUNT_LIMIT;
  const pending = await sources.eventStore.readAll({ after: position, maxCount: limit + 1 });
  const exact = pending.length <= limit;
  const lastApplied = checkpoint?.lastRecordedAt;
  const newest = exact
    ? pending[pending.length - 1]?.recordedAt
    : (sources.now?.() ?? new Date()).toISOString();
  const seconds =
    newest === undefined
      ? 0
      : lastApplied === undefined
        ? (Date.parse(newest) - Date.parse(pending[0]?.recordedAt ?? newest)) / 1000
        : (Date.parse(newest) - Date.parse(lastApplied)) / 1000;
  return {
    lagEvents: Math.min(pending.length, limit),
    lagEventsExact: exact,
    lagSeconds: Math.max(0, seconds),
  };
}

type Running = Pick<
  ConsumerStatus,
  | 'state'
  | 'lastError'
  | 'lastErrorAt'
  | 'consecutiveErrors'
  | 'totals'
  | 'lastBatch'
  | 'source'
  | 'reportedAt'
>;

const NOT_RUNNING: Running = {
  state: 'idle',
  lastError: null,
  lastErrorAt: null,
  consecutiveErrors: 0,
  totals: { events: 0, errors: 0 },
  lastBatch: null,
  source: 'none',
  reportedAt: null,
};

/** This process's view when it runs the consumer, else the running process's report. */
function running(
  live: LiveConsumer | undefined,
  report: (ConsumerReport & { readonly ageMs: number }) | undefined,
): Running {
  if (live !== undefined && live.state !== 'idle') {
    return {
      state: live.state,
      lastError: live.lastError ?? null,
      lastErrorAt: live.lastErrorAt ?? null,
      consecutiveErrors: live.consecutiveErrors,
      totals: live.totals,
      lastBatch: live.lastBatch ?? null,
      source: 'this-process',
      reportedAt: null,
    };
  }
  if (report === undefined) return NOT_RUNNING;
  if (report.ageMs > REPORT_STALE_AFTER_MS && report.state !== 'stopped') {
    return { ...NOT_RUNNING, source: 'report', reportedAt: report.reportedAt };
  }
  const state = (['standby', 'running', 'retrying', 'stopped'] as const).find(
    (known) => known === report.state,
  );
  return {
    state: state ?? 'idle',
    lastError: report.lastError,
    lastErrorAt: report.lastErrorAt,
    consecutiveErrors: report.consecutiveErrors,
    totals: { events: 0, errors: 0, ...report.totals },
    lastBatch: report.lastBatch,
    source: 'report',
    reportedAt: report.reportedAt,
  };
}

/**
 * The status of each named consumer, from the consumer store (checkpoint, set-aside sessions,
 * the running process's report), the event store (lag) and, for consumers running in this
 * process, their live state.
 */
export async function readConsumerStatuses(
  sources: StatusSources,
  consumers: readonly ConsumerRef[],
): Promise<ConsumerStatus[]> {
  const [head, reports, heldBack] = await Promise.all([
    sources.eventStore.headPosition(),
    readReports(
      sources.db,
      consumers.map((c) => c.name),
    ),
    sources.heldBack?.() ?? Promise.resolve(undefined),
  ]);
  const statuses: ConsumerStatus[] = [];
  for (const consumer of consumers) {
    const checkpoint = await readActiveCheckpoint(sources.db, consumer.name);
    const setAside =
      checkpoint === undefined
        ? { sessions: [], count: 0 }
        : await listSetAside(sources.db, consumer.name, checkpoint.generation);
    const base = {
      name: consumer.name,
      kind: consumer.kind,
      ...running(consumer.live?.(), reports.get(consumer.name)),
      generation: checkpoint?.generation ?? null,
      position: checkpoint?.position ?? null,
      ...(await lagOf(sources, checkpoint, head)),
      setAside: setAside.sessions,
      setAsideCount: setAside.count,
      heldBack: heldBack ?? null,
    };
    statuses.push({ ...base, health: consumerHealth(base) });
  }
  return statuses;
}
