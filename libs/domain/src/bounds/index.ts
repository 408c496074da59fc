export * from './bound';
export * from './bounds';
export * from './check-bound';
export * from './control-characters';
export * from './note-rule';
