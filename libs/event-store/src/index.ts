export * from './port';
export * from './sql';
export * from './postgres';
export * from './embedded';
export * from './upcasting';
export * from './eventstoredb';
export { pause } from './pause';
export { TimeoutError, withTimeout } from './with-timeout';
