/**
 * The read models a query can wait for (`minPosition`): the names `ReadSide.waitForPosition`
 * takes. The read models name their projections with these, so a query and the projection it
 * waits for cannot drift apart.
 */
export const CALENDAR_PROJECTION = 'calendar';
export const REPORTING_PROJECTION = 'reporting';
export const DELETIONS_PROJECTION = 'deletions';
