export * from './lib/servers-list-page';
