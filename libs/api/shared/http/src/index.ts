export * from './lib/configure-http';
export * from './lib/console-static';
export * from './lib/correlation-id';
export * from './lib/fastify-adapter';
export * from './lib/logger';
export * from './lib/socket-adapter';
export * from './lib/readiness';
export * from './lib/connection-drain';
