import type { Position } from '@app/event-store';
import type { CalendarAnswer, CalendarQuery } from './calendar-view';
import type { DeletionRecord, DeletionsAnswer, DeletionsQuery } from './deletions-view';
import type { ReportAnswer, ReportQuery } from './report-view';

/**
 * What the queries need of the read models, in the application's terms: @app/read-models
 * implements it (its ReadModels is one), and a test or another store can stand in for it.
 */
export interface ReadSide {
  readonly calendar: { calendarOf(query: CalendarQuery): Promise<CalendarAnswer> };
  /** Throws InvalidReportQueryError for a period or zone it cannot answer. */
  readonly reporting: { cancellationReport(query: ReportQuery): Promise<ReportAnswer> };
  readonly deletions: {
    list(query: DeletionsQuery): Promise<DeletionsAnswer>;
    find(sessionId: string): Promise<DeletionRecord | undefined>;
  };
  /**
   * Resolves once the named projections (projection-names.ts) applied `position`; throws
   * ReadModelNotFreshError after `timeoutMs`.
   */
  waitForPosition(
    projections: string | readonly string[],
    position: Position,
    timeoutMs: number,
  ): Promise<Position>;
}
