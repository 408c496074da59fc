export * from './live-consumer';
export * from './consumer-status';
export * from './read-status';
