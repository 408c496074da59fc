export * from './auth';
export * from './clock';
export * from './config';
export * from './errors';
export * from './http';
export * from './ids';
export * from './logging';
export * from './platform.module';
