export * from './topic-definitions';
