export * from './types';
export * from './errors';
export * from './position';
export * from './event-store.port';
export * from './upcasting';
export * from './check-append';
export * from './stream-contents';
export * from './read-streams-one-by-one';
