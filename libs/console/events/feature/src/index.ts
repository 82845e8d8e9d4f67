export * from './lib/events-page';
