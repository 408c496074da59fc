export * from './clock';
export * from './clock.module';
export * from './manual-clock';
export * from './system-clock';
