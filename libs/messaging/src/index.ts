export * from './integration-events';
export * from './topics';
export * from './publisher';
