export * from './database';
export * from './store';
export * from './lease';
export * from './consumer';
export * from './status';
