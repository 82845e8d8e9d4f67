import { CommandBus, QueryBus } from '@nestjs/cqrs';

import { createIntegrationContext, type IntegrationContext, stdioServerRequest, testCaller } from '@mcp-fleet/api/shared/testing';
import type { McpServer, Principal, ServerRevision } from '@mcp-fleet/shared/contracts';

import { GetRevisionQuery } from '../../queries/get-revision/get-revision.query';
import { ListRevisionsQuery } from '../../queries/list-revisions/list-revisions.query';
import { RevisionRetentionService } from '../../retention/revision-retention.service';
import { ServersFeatureModule } from '../../servers-feature.module';
import { DeleteServerCommand } from '../delete-server/delete-server.command';
import { RegisterServerCommand } from '../register-server/register-server.command';
import { UpdateServerCommand } from '../update-server/update-server.command';
import { RestoreRevisionCommand } from './restore-revision.command';

const admin: Principal = {
  kind: 'user',
  id: testCaller.actor.id ?? '',
  name: 'alice@example.com',
  role: 'admin',
  permissions: ['mcp:admin'],
};
const viewer: Principal = { kind: 'user', id: 'v', name: 'val@example.com', role: 'viewer', permissions: ['mcp:view_servers'] };

describe('revisions and restore (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let commands: CommandBus;
  let queries: QueryBus;
  const sealedOf = async (id: string): Promise<string> => {
    const [row] = await ctx.dataSource.query<{ sealed: string }[]>(
      `SELECT config->'env'->'TOKEN'->>'sealed' AS sealed FROM mcp_servers WHERE id = $1`,
      [id],
    );
    return row.sealed;
  };
  const history = (id: string, reader = admin) => queries.execute(new ListRevisionsQuery(id, {}, reader));

  beforeAll(async () => {
    ctx = await createIntegrationContext([ServersFeatureModule]);
    commands = ctx.module.get(CommandBus);
    queries = ctx.module.get(QueryBus);
  });
  afterAll(() => ctx.close());

  it('records every change and restores an earlier one as a new revision, its secret included', async () => {
    const created: McpServer = await commands.execute(
      new RegisterServerCommand(
        stdioServerRequest('undo-me', { config: { command: 'npx', env: { TOKEN: { secret: true, value: 'first' } } } }),
        testCaller,
      ),
    );
    const firstSealed = await sealedOf(created.id);
    await commands.execute(
      new UpdateServerCommand(
        created.id,
        { version: 1, tags: ['b'], config: { env: { TOKEN: { secret: true, value: 'second' } } } },
        testCaller,
      ),
    );

    const restored = await commands.execute(new RestoreRevisionCommand(created.id, 1, {}, testCaller));
    const page = await history(created.id);

    expect(restored).toMatchObject({ revision: 3, version: 3, tags: [], config: { env: { TOKEN: { secret: true } } } });
    expect(await sealedOf(created.id)).toBe(firstSealed);
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(page.items.map((r) => [r.revision, r.action, r.restoredFrom])).toEqual([
      [3, 'restore', 1],
      [2, 'update', null],
      [1, 'create', null],
    ]);
    expect(page.items[0].changes).toEqual([
      { field: 'tags', before: ['b'], after: [] },
      { field: 'config.env.TOKEN', before: { secret: true }, after: { secret: true }, secret: true },
    ]);
    expect(JSON.stringify(page)).not.toContain('sealed');
  });

  it('restoring what is already current makes no new revision', async () => {
    const created: McpServer = await commands.execute(new RegisterServerCommand(stdioServerRequest('already'), testCaller));

    const restored = await commands.execute(new RestoreRevisionCommand(created.id, 1, {}, testCaller));

    expect(restored).toMatchObject({ revision: 1, version: 1 });
    expect((await history(created.id)).total).toBe(1);
  });

  it('refuses an unknown revision, a stale version and a name now taken, writing nothing', async () => {
    const mover: McpServer = await commands.execute(new RegisterServerCommand(stdioServerRequest('taken-later'), testCaller));
    await commands.execute(new UpdateServerCommand(mover.id, { version: 1, name: 'moved-away' }, testCaller));
    await commands.execute(new RegisterServerCommand(stdioServerRequest('taken-later'), testCaller));

    await expect(commands.execute(new RestoreRevisionCommand(mover.id, 9, {}, testCaller))).rejects.toMatchObject({
      code: 'REVISION_NOT_FOUND',
    });
    await expect(commands.execute(new RestoreRevisionCommand(mover.id, 1, { version: 1 }, testCaller))).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    await expect(commands.execute(new RestoreRevisionCommand(mover.id, 1, {}, testCaller))).rejects.toMatchObject({
      code: 'SERVER_NAME_TAKEN',
    });
    expect((await history(mover.id)).total).toBe(2);
  });

  it('keeps a deleted server’s history for admins only, until retention removes it', async () => {
    const gone: McpServer = await commands.execute(new RegisterServerCommand(stdioServerRequest('gone'), testCaller));
    await commands.execute(new DeleteServerCommand(gone.id, testCaller));

    const kept: ServerRevision = await queries.execute(new GetRevisionQuery(gone.id, 1, admin));

    expect(kept).toMatchObject({ revision: 1, registration: { name: 'gone' } });
    expect(kept.serverDeletedAt).not.toBeNull();
    await expect(history(gone.id, viewer)).rejects.toMatchObject({ code: 'SERVER_NOT_FOUND' });
    await expect(commands.execute(new RestoreRevisionCommand(gone.id, 1, {}, testCaller))).rejects.toMatchObject({
      code: 'SERVER_NOT_FOUND',
    });

    const retention = ctx.module.get(RevisionRetentionService);
    expect(await retention.purge(new Date())).toBe(0);
    expect(await retention.purge(new Date(Date.now() + 400 * 86_400_000))).toBe(1);
    await expect(history(gone.id)).rejects.toMatchObject({ code: 'SERVER_NOT_FOUND' });
  });
});
