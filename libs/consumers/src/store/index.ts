export * from './consumer-migrations';
export * from './checkpoints';
export * from './set-aside';
export * from './reports';
export * from './retry-request';
