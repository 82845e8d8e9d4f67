export * from './lib/app-config';
export * from './lib/config.module';
export * from './lib/key-ring';
