export * from './sql-event-writer';
export * from './sequential-event-writer';
