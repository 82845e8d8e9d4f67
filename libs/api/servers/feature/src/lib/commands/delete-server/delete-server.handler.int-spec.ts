import { CommandBus } from '@nestjs/cqrs';

import { createIntegrationContext, type IntegrationContext, stdioServerRequest, testCaller } from '@mcp-fleet/api/shared/testing';

import { ServersFeatureModule } from '../../servers-feature.module';
import { RegisterServerCommand } from '../register-server/register-server.command';
import { DeleteServerCommand } from './delete-server.command';

describe('DeleteServerHandler (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let commands: CommandBus;

  beforeAll(async () => {
    ctx = await createIntegrationContext([ServersFeatureModule]);
    commands = ctx.module.get(CommandBus);
  });
  afterAll(() => ctx.close());

  it('removes a stopped server', async () => {
    const server = await commands.execute(new RegisterServerCommand(stdioServerRequest('gone'), testCaller));

    await commands.execute(new DeleteServerCommand(server.id, testCaller));

    expect(await ctx.dataSource.query('SELECT 1 FROM mcp_servers WHERE id = $1', [server.id])).toHaveLength(0);
  });

  it.each(['running', 'starting', 'error', 'maintenance'])('refuses to remove a server that is %s', async (state) => {
    const server = await commands.execute(new RegisterServerCommand(stdioServerRequest(`busy-${state}`), testCaller));
    // The lifecycle engine owns `state`; set it directly as it would.
    await ctx.dataSource.query('UPDATE mcp_servers SET state = $2 WHERE id = $1', [server.id, state]);

    await expect(commands.execute(new DeleteServerCommand(server.id, testCaller))).rejects.toMatchObject({
      code: 'SERVER_NOT_STOPPED',
      details: { state, requiredState: 'stopped' },
    });
    expect(await ctx.dataSource.query('SELECT 1 FROM mcp_servers WHERE id = $1', [server.id])).toHaveLength(1);
  });

  it('answers SERVER_NOT_FOUND for an unknown id', async () => {
    await expect(commands.execute(new DeleteServerCommand('00000000-0000-4000-8000-000000000001', testCaller))).rejects.toMatchObject({
      code: 'SERVER_NOT_FOUND',
    });
  });
});
