export * from './lib/command-undo';
export * from './lib/fleet-api';
export * from './lib/operations-api';
export * from './lib/servers-api';
export * from './lib/registry-import-api';
