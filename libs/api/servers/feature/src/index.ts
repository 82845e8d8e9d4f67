export * from './lib/commands/delete-server/delete-server.command';
export * from './lib/commands/register-server/register-server.command';
export * from './lib/commands/update-server/update-server.command';
export * from './lib/queries/get-server/get-server.query';
export * from './lib/queries/list-servers/list-servers.query';
export * from './lib/servers-feature.module';
