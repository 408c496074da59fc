/** The event store for reads (upcasting applied): an EventStore from @app/event-store. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** The relational database of the idempotency records: a SqlDatabase from @app/event-store. */
export const IDEMPOTENCY_DATABASE = Symbol('IDEMPOTENCY_DATABASE');
/** Options of the idempotency records (schema). */
export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');
/** The read side: a ReadSide (see read-side.ts). */
export const READ_SIDE = Symbol('READ_SIDE');
