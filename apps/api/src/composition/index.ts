export * from './build-stores';
export * from './projector.hook';
export * from './stores';
export * from './stores.module';
