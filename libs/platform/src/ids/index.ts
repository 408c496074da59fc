export * from './id-generator';
export * from './ids.module';
export * from './sequential-id-generator';
export * from './uuid-generator';
