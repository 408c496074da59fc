export * from './projector-stores';
export * from './projector-runtime';
export * from './projector-config';
export * from './projector-process';
export * from './start-publisher';
