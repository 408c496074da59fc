export * from './correlation-context';
export * from './correlation-id';
export * from './correlation.middleware';
export * from './logging.module';
export * from './pino-http-options';
export * from './correlated-fastify-options';
export * from './redact-secrets';
