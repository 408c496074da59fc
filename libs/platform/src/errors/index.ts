export * from './application-error';
export * from './application-errors';
export * from './errors.module';
export * from './flatten-validation-errors';
export * from './problem-details';
export * from './problem-details.filter';
export * from './to-problem';
export * from './validation-pipe';
