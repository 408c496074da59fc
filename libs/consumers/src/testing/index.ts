export * from './status-fixture';
