export * from './session-events';
export * from './kafka-recorder';
export * from './publisher-fixture';
