export * from './calendar-projection';
export * from './calendar-queries';
export * from './reason-labels';
