// The entry @app/application/ports: the read models implement the ReadSide through it, so it
// holds types, symbols and two small errors only, and loads neither NestJS nor an adapter.
export * from './calendar-view';
export * from './deletions-view';
export * from './event-writer';
export * from './invalid-report-query-error';
export * from './projection-names';
export * from './read-model-not-fresh-error';
export * from './read-side';
export * from './report-view';
export * from './tokens';
