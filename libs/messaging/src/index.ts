export * from './integration-events';
export * from './topics';
export * from './publisher';
export * from './checkpoints';
export * from './lease';
export * from './support';
