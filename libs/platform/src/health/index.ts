export * from './health-checks.controller';
export * from './health-checks.module';
export * from './health.tokens';
export * from './readiness-check';
export * from './run-readiness';
export * from './standard-checks';
