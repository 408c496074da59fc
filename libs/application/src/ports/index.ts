export * from './event-writer';
export * from './read-side';
export * from './tokens';
