import { CommandBus } from '@nestjs/cqrs';

import { DomainError } from '@mcp-fleet/api/shared/errors';
import {
  createIntegrationContext,
  type IntegrationContext,
  remoteServerRequest,
  stdioServerRequest,
  testCaller,
} from '@mcp-fleet/api/shared/testing';

import { ServersFeatureModule } from '../../servers-feature.module';
import { RegisterServerCommand } from './register-server.command';

describe('RegisterServerHandler (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let commands: CommandBus;

  beforeAll(async () => {
    ctx = await createIntegrationContext([ServersFeatureModule]);
    commands = ctx.module.get(CommandBus);
  });
  afterAll(() => ctx.close());

  it('stores a stopped server with defaults and records server.registered', async () => {
    const server = await commands.execute(new RegisterServerCommand(stdioServerRequest('alpha', { tags: ['a'] }), testCaller));

    expect(server).toMatchObject({
      name: 'alpha',
      type: 'custom',
      transport: 'stdio',
      state: 'stopped',
      status: 'stopped',
      desiredState: 'stopped',
      enabled: true,
      tags: ['a'],
      version: 1,
      health: { status: 'unknown', consecutiveFailures: 0 },
      config: { command: 'npx', startupTimeoutMs: 60_000, killTimeoutMs: 5_000, retryAttempts: 3 },
    });
    const [row] = await ctx.dataSource.query<{ name: string; desired_state: string }[]>(
      'SELECT name, desired_state FROM mcp_servers WHERE id = $1',
      [server.id],
    );
    expect(row).toEqual({ name: 'alpha', desired_state: 'stopped' });
    const recorded = await ctx.dataSource.query<{ type: string; category: string }[]>(
      'SELECT type, category FROM events WHERE server_id = $1',
      [server.id],
    );
    expect(recorded).toEqual([{ type: 'server.registered', category: 'config' }]);
  });

  it('refuses a name that differs only in case, and writes nothing', async () => {
    await commands.execute(new RegisterServerCommand(remoteServerRequest('Bravo'), testCaller));

    await expect(commands.execute(new RegisterServerCommand(stdioServerRequest('BRAVO'), testCaller))).rejects.toMatchObject({
      code: 'SERVER_NAME_TAKEN',
    });
    const [{ count }] = await ctx.dataSource.query<{ count: string }[]>(`SELECT count(*) FROM mcp_servers WHERE lower(name) = 'bravo'`);
    expect(Number(count)).toBe(1);
  });

  it('refuses a config that does not fit the transport', async () => {
    const request = stdioServerRequest('charlie', { transport: 'sse' });

    const error = await commands.execute(new RegisterServerCommand(request, testCaller)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    expect((error as DomainError).details).toContainEqual({
      field: 'config.url',
      messages: ['url is required for the sse transport'],
    });
    const rows = await ctx.dataSource.query<unknown[]>(`SELECT 1 FROM mcp_servers WHERE name = 'charlie'`);
    expect(rows).toHaveLength(0);
  });
});
