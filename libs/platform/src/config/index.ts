export * from './app-config';
export * from './config-error';
export * from './config-summary';
export * from './config.module';
export * from './config.tokens';
export * from './dev-jwt-secret';
export * from './load-config';
