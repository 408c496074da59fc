export * from './reporting-projection';
export * from './report-query';
export { validateReportPeriod } from './report-bounds';
