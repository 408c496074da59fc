export * from './lease';
export * from './pg-advisory-lease';
