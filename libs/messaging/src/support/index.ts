export * from './abortable-sleep';
export * from './backoff';
export * from './logger';
