import { CommandBus, QueryBus } from '@nestjs/cqrs';

import { createIntegrationContext, type IntegrationContext, remoteServerRequest, testCaller } from '@mcp-fleet/api/shared/testing';

import { RegisterServerCommand } from '../../commands/register-server/register-server.command';
import { ServersFeatureModule } from '../../servers-feature.module';
import { GetServerQuery } from './get-server.query';

describe('GetServerHandler (real PostgreSQL)', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    ctx = await createIntegrationContext([ServersFeatureModule]);
  });
  afterAll(() => ctx.close());

  it('returns what was registered', async () => {
    const created = await ctx.module.get(CommandBus).execute(new RegisterServerCommand(remoteServerRequest('remote'), testCaller));

    const found = await ctx.module.get(QueryBus).execute(new GetServerQuery(created.id));

    expect(found).toEqual({ ...created, owner: null, pendingRestart: false, pendingPaths: [] });
  });

  it('answers SERVER_NOT_FOUND for an unknown id', async () => {
    await expect(ctx.module.get(QueryBus).execute(new GetServerQuery('00000000-0000-4000-8000-000000000002'))).rejects.toMatchObject({
      code: 'SERVER_NOT_FOUND',
      details: { serverId: '00000000-0000-4000-8000-000000000002' },
    });
  });
});
