export * from './bounds';
export * from './common';
export * from './errors';
export * from './events';
export * from './money';
export * from './session';
export * from './workstation';
