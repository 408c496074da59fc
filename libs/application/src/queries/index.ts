export * from './viewer';
export * from './fresh-read';
export * from './get-session.query';
export * from './get-session-history.query';
export * from './get-session-state.query';
export * from './get-calendar.query';
export * from './get-report.query';
export * from './list-deletions.query';

import { GetCalendarHandler } from './get-calendar.query';
import { GetReportHandler } from './get-report.query';
import { GetSessionHistoryHandler } from './get-session-history.query';
import { GetSessionStateHandler } from './get-session-state.query';
import { GetSessionHandler } from './get-session.query';
import { ListDeletionsHandler } from './list-deletions.query';

export const QUERY_HANDLERS = [
  GetSessionHandler,
  GetSessionHistoryHandler,
  GetSessionStateHandler,
  GetCalendarHandler,
  GetReportHandler,
  ListDeletionsHandler,
];
