export * from './api-readiness';
export * from './build-stores';
export * from './consumer-statuses';
export * from './projector.hook';
export * from './stores';
export * from './stores.module';
