export * from './status-fixture';
export * from './mending-upcaster';
