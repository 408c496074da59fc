export * from './rebuild-projection';
export * from './progress-estimate';
