export * from './session-facts';
