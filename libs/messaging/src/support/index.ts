export * from './backoff';
export * from './logger';
