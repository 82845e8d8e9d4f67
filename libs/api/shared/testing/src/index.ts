export * from './lib/integration-module';
export * from './lib/test-database';
export * from './lib/server-requests';
export * from './lib/test-caller';
