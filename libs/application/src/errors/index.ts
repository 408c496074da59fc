export * from './concurrency-retries-exhausted.error';
