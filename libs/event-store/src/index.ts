export * from './port';
export * from './logging';
export * from './sql';
export * from './postgres';
export * from './embedded';
export * from './upcasting';
export * from './eventstoredb';
export { pause } from './sql/wakeup';
