export * from './app-logger';
