export * from './canonical-json';
export * from './claimed-key';
export * from './idempotency-schema';
export * from './idempotency-scope';
export * from './idempotency-store';
export * from './idempotent-executor';
export * from './idempotency-purger';
