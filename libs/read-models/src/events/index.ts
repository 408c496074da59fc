export * from './session-events';
export * from './stream-ids';
