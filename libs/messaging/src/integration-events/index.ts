export * from './event-types';
export * from './payloads';
export * from './integration-message';
export * from './cloud-event-headers';
export * from './charge';
export * from './session-view';
export * from './map-session-event';
export * from './schemas';
