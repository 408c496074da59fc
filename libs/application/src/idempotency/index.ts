export * from './canonical-json';
export * from './idempotency-claim';
export * from './idempotency-schema';
export * from './idempotency-scope';
export * from './idempotency-store';
export * from './idempotency-purger';
