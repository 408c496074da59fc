// The entry @app/application/session-history: a session's history and its state as of a version
// or an instant, read from the event store itself (no read model is involved). An entry of its
// own so that the CLI reads them without loading NestJS.
export * from './redaction';
export * from './session-history';
export * from './session-state-at';
