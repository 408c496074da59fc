export * from './check-order';
export * from './command-declaration';
export * from './command-request';
export * from './concurrency-retry';
export * from './decide-and-append';
export * from './deleted-session';
export * from './event-envelopes';
export * from './load-command-context';
