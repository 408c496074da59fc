export * from './actor';
export * from './decider';
export * from './instant';
export * from './time-zone';
export * from './checks';
