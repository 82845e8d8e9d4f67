export * from './lib/server-detail-page';
