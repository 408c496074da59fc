export * from './projector-stores';
export * from './projector-runtime';
