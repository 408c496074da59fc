export * from './deletion-projection';
export * from './deletion-queries';
