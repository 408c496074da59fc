export * from './close-connections-on-close';
