export * from './set-aside-context';
export * from './set-aside-in-answers';
