export * from './admin.controller';
export * from './admin.module';
export * from './projection-admin';
export * from './projection-admin-metrics';
export * from './read-models-projection-admin';
export * from './rebuild-jobs';
