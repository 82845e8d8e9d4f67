export * from './lib/server-edit-page';
