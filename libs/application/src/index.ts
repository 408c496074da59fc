export * from './ports';
export * from './writers';
export * from './idempotency';
export * from './commands';
export * from './queries';
export * from './application.module';
