export * from './service-address';
export * from './startup-error';
export * from './startup-retry';
export * from './reach-event-store-db';
