export * from './lib/errors';
export * from './lib/page';
export * from './lib/server';
export * from './lib/server-limits';
export * from './lib/auth';
export * from './lib/event-vocabulary';
export * from './lib/events';
export * from './lib/runtime';
