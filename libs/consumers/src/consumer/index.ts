export * from './abortable';
export * from './backoff';
export * from './transient-errors';
export * from './consumer-handler';
export * from './batch-runner';
export * from './consumer';
export * from './session-streams';
