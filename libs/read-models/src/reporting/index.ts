export * from './reporting-projection';
export * from './report-types';
export * from './report-query';
export { validateReportPeriod } from './report-bounds';
