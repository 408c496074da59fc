import type { Position } from '@app/event-store';
import type {
  CalendarAnswer,
  CalendarQuery,
  DeletionRecord,
  DeletionsAnswer,
  ListDeletionsQuery,
  ReportAnswer,
  ReportQuery,
} from '@app/read-models';

/**
 * What the queries need of the read models: the subset of @app/read-models' ReadModels that the
 * API reads, so a test (or another store) can stand in for it.
 */
export interface ReadSide {
  readonly calendar: { calendarOf(query: CalendarQuery): Promise<CalendarAnswer> };
  readonly reporting: { cancellationReport(query: ReportQuery): Promise<ReportAnswer> };
  readonly deletions: {
    list(query: ListDeletionsQuery): Promise<DeletionsAnswer>;
    find(sessionId: string): Promise<DeletionRecord | undefined>;
  };
  waitForPosition(
    projections: string | readonly string[],
    position: Position,
    timeoutMs: number,
  ): Promise<Position>;
}
