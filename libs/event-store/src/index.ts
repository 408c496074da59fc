// The port entry: the EventStore port, its types and errors, checkAppend, the one logger
// interface, and the pause and timeout every library's loops use. Nothing here loads a driver: each adapter is its own entry
// (@app/event-store/sql, /postgres, /embedded, /eventstoredb, /upcasting, /testing), so that
// importing an error does not load pg, PGlite and the gRPC client (ESLint keeps it so).
export * from './port';
export * from './logging';
export { pause } from './pause';
export { TimeoutError, withTimeout } from './with-timeout';
