export * from './sql-executor';
export * from './pg-executor';
export * from './pglite-executor';
export * from './migrate';
export * from './advisory-key';
export * from './schema-name';
