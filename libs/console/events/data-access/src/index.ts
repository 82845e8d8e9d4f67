export * from './lib/events-api';
