export * from './schema-database';
export * from './pg-executor';
export * from './pglite-executor';
