export * from './lease';
export * from './advisory-lock-key';
export * from './postgres-advisory-lease';
