import type { Position } from '@app/event-store';
import type { SetAsideSession } from '../store/set-aside';
import type { ConsumerState, ConsumerTotals } from './live-consumer';

/** Which kind of consumer: a read model's projection, the Kafka publisher. */
export type ConsumerKind = 'projection' | 'publisher';

/** A transaction that holds every reader of the log back, as the event store found it. */
export interface HeldBack {
  readonly transactionId: string;
  readonly pid: number;
  readonly applicationName: string | null;
  readonly startedAt: string;
  readonly ageMs: number;
}

/**
 * What health, metrics and operators make of a consumer: `degraded` with an error, with sessions
 * set aside, or held back by an open transaction (each reason named); `standby` for a replica
 * waiting on another's lease (counts as up); else `up`.
 */
export interface ConsumerHealth {
  readonly state: 'up' | 'degraded' | 'standby';
  readonly reasons: readonly string[];
}

/**
 * The one status of a consumer of the log, from the core to the admin endpoint
 * (GET /api/v1/admin/projections), the CLI's table, health and metrics; the same whether the
 * consumer runs in the answering process or another (then read from the database).
 */
export interface ConsumerStatus {
  readonly name: string;
  readonly kind: ConsumerKind;
  readonly state: ConsumerState;
  readonly health: ConsumerHealth;
  /** The generation queries read (rebuilds fill the next). */
  readonly generation: number | null;
  /** Last applied global position of that generation. */
  readonly position: Position | null;
  /** Events after the checkpoint: exact up to the count limit, else that limit. */
  readonly lagEvents: number;
  readonly lagEventsExact: boolean;
  /**
   * Head event's recordedAt minus the last applied event's; 0 when caught up. Past the count
   * limit the head event is not read: now minus the last applied event's (an upper bound).
   */
  readonly lagSeconds: number;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  /** Failures since the last success; 0 when healthy. */
  readonly consecutiveErrors: number;
  readonly totals: ConsumerTotals;
  readonly lastBatch: { readonly events: number; readonly at: string } | null;
  /** The sessions set aside in the active generation (the oldest, when there are very many). */
  readonly setAside: readonly SetAsideSession[];
  readonly setAsideCount: number;
  readonly heldBack: HeldBack | null;
  /**
   * Where the running state comes from: this process, or the report of the process running it
   * (`reportedAt` says when it last wrote one); `none` when nobody reported it yet.
   */
  readonly source: 'this-process' | 'report' | 'none';
  readonly reportedAt: string | null;
}

export function consumerHealth(
  status: Pick<ConsumerStatus, 'state' | 'lastError' | 'setAsideCount' | 'setAside' | 'heldBack'>,
): ConsumerHealth {
  const reasons: string[] = [];
  if (status.lastError !== null) reasons.push(`failing, retrying: ${status.lastError}`);
  if (status.setAsideCount > 0) {
    const ids = status.setAside.slice(0, 5).map((s) => s.sessionId);
    const more =
      status.setAsideCount > ids.length ? ` and ${status.setAsideCount - ids.length} more` : '';
    reasons.push(`${status.setAsideCount} session(s) set aside: ${ids.join(', ')}${more}`);
  }
  if (status.heldBack !== null) {
    const t = status.heldBack;
    reasons.push(
      `held back by transaction ${t.transactionId} (pid ${t.pid}${t.applicationName ? `, ${t.applicationName}` : ''}), open for ${Math.round(t.ageMs / 1000)} s`,
    );
  }
  if (reasons.length > 0) return { state: 'degraded', reasons };
  return { state: status.state === 'standby' ? 'standby' : 'up', reasons };
}
