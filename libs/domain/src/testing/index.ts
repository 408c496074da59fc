export * from './decider-specification';
export * from './session-fixtures';
