export * from './lib/servers-api';
