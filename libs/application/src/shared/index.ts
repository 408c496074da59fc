export * from './check-order';
export * from './concurrency-retry';
export * from './event-envelopes';
export * from './session-loader';
export * from './stream-reads';
