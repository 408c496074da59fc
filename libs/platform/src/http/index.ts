export * from './close-connections-on-close';
export * from './hardened-server-options';
export * from './http-layer-errors';
export * from './json-nesting-depth';
export * from './security-headers';
export * from './strict-json-bodies';
export * from './path-of-url';
export * from './strict-query-strings';
