export * from './backend';
export * from './direct-backend';
export * from './flatten';
export * from './http-backend';
export * from './open-backend';
export * from './progress';
export * from './table';
