export * from './lib/live-figures';
export * from './lib/live-figures.repository';
export * from './lib/mcp-server.entity';
export * from './lib/mcp-server.repository';
export * from './lib/servers-data-access.module';
export * from './lib/secret-values';
export * from './lib/server-not-found';
