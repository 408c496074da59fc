// The session writer lives in the test support, where the application's specs reach it too.
export * from '@test/support/session-writer';
export * from './snapshot';
export * from './catch-up';
export * from './wait-until';
export * from './apply-once';
