export * from './session-event-factory';
export * from './snapshot';
export * from './catch-up';
export * from './wait-until';
export * from './apply-once';
