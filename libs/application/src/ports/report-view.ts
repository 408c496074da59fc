import type { CancellationReason } from '@app/domain';
import type { Position } from '@app/event-store';

export type ReportGroupBy = 'reason' | 'professional' | 'day';

export interface ReportQuery {
  /** YYYY-MM-DD in `tz`, inclusive. */
  readonly from: string;
  /** YYYY-MM-DD in `tz`, exclusive. */
  readonly to: string;
  /** IANA time zone; default UTC. */
  readonly tz?: string;
  readonly professionalId?: string;
  readonly groupBy?: ReportGroupBy;
}

export interface ChargedTotal {
  readonly currency: string;
  readonly method: 'card' | 'invoice' | 'external';
  readonly amountMinor: number;
  readonly count: number;
}

/** Every figure of docs/product.md "Read models"; a ratio with nothing to divide by is null. */
export interface ReportFigures {
  readonly scheduled: number;
  readonly cancellations: number;
  readonly cancellationsByReason: Readonly<Record<CancellationReason, number>>;
  /** notice < 24 h, no-shows excluded. */
  readonly lateCancellations: number;
  readonly noShows: number;
  readonly noShowRate: number | null;
  readonly charged: readonly ChargedTotal[];
  readonly creditsCharged: number;
  readonly notificationsRequested: number;
  readonly notificationShare: number | null;
}

/** groupBy=reason: the cancellations of one reason. */
export interface ReasonGroup {
  readonly key: CancellationReason;
  readonly cancellations: number;
  /** notice < 24 h (for no-shows: all of them, by the rule). */
  readonly late: number;
  readonly charged: readonly ChargedTotal[];
  readonly creditsCharged: number;
  readonly notificationShare: number | null;
}

export type FiguresGroup = { readonly key: string } & ReportFigures;

export interface ReportAnswer {
  readonly from: string;
  readonly to: string;
  readonly tz: string;
  readonly position: Position | undefined;
  /** Sessions of this period the projection set aside: counted nowhere until retried. */
  readonly setAside: readonly string[];
  readonly totals: ReportFigures;
  readonly groups: ReadonlyArray<ReasonGroup | FiguresGroup>;
}
