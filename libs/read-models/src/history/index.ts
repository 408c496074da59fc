export * from './redaction';
export * from './session-history';
export * from './session-state-at';
