export * from './workstation-state';
export * from './configure-payment-methods';
export * from './workstation-decider';
