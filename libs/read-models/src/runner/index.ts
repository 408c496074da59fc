export * from './projection-definition';
export * from './generations';
export * from './projection-handler';
export * from './projector';
export * from './wait-for-position';
export * from './read-active';
export * from './session-row-statements';
