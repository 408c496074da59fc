export * from './checkpoint-store';
export * from './sql-checkpoint-store';
