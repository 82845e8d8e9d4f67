export * from './lib/shell';
export * from './lib/status-pages';
