import { CommandBus } from '@nestjs/cqrs';

import { createIntegrationContext, type IntegrationContext, stdioServerRequest, testCaller } from '@mcp-fleet/api/shared/testing';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { ServersFeatureModule } from '../../servers-feature.module';
import { RegisterServerCommand } from '../register-server/register-server.command';
import { UpdateServerCommand } from './update-server.command';

describe('UpdateServerHandler (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let commands: CommandBus;
  const register = (name: string) => commands.execute(new RegisterServerCommand(stdioServerRequest(name), testCaller));

  beforeAll(async () => {
    ctx = await createIntegrationContext([ServersFeatureModule]);
    commands = ctx.module.get(CommandBus);
  });
  afterAll(() => ctx.close());

  it('applies a partial update, merges config and bumps the version', async () => {
    const server = await register('one');

    const updated = await commands.execute(
      new UpdateServerCommand(server.id, { version: 1, description: 'docs', config: { env: { A: '1' }, args: null } }, testCaller),
    );

    expect(updated).toMatchObject({ description: 'docs', version: 2, config: { command: 'npx', env: { A: '1' } } });
    expect(updated.config).not.toHaveProperty('args');
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(server.updatedAt));
  });

  it('flags what a running server takes only at its next start, and nothing for a stopped one', async () => {
    const running = await register('flag-running');
    const stopped = await register('flag-stopped');
    await ctx.dataSource.query(`UPDATE mcp_servers SET state = 'running' WHERE id = $1`, [running.id]);
    const change = { config: { args: ['-y', 'other-server'], healthCheckIntervalMs: 5000, env: { TOKEN: 'x' } } };

    const live = await commands.execute(new UpdateServerCommand(running.id, { version: 1, ...change }, testCaller));
    const idle = await commands.execute(new UpdateServerCommand(stopped.id, { version: 1, ...change }, testCaller));

    expect(live.appliesAtNextStart).toEqual(['config.args', 'config.env.TOKEN']);
    expect(idle).not.toHaveProperty('appliesAtNextStart');
    const [event] = await ctx.dataSource.query<{ message: string; data: { appliesAtNextStart?: string[] } }[]>(
      `SELECT message, data FROM events WHERE server_id = $1 AND type = 'server.updated'`,
      [running.id],
    );
    expect(event.data.appliesAtNextStart).toEqual(['config.args', 'config.env.TOKEN']);
    expect(event.message).toContain('(applies at next start: config.args, config.env.TOKEN)');
  });

  it('refuses a stale version with VERSION_CONFLICT and leaves the row alone', async () => {
    const server = await register('two');
    await commands.execute(new UpdateServerCommand(server.id, { version: 1, description: 'first' }, testCaller));

    await expect(
      commands.execute(new UpdateServerCommand(server.id, { version: 1, description: 'second' }, testCaller)),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2, expectedVersion: 1 } });
    const [row] = await ctx.dataSource.query<{ description: string }[]>('SELECT description FROM mcp_servers WHERE id = $1', [server.id]);
    expect(row.description).toBe('first');
  });

  it('lets exactly one of two concurrent writers at the same version win', async () => {
    const server = await register('three');

    const results = await Promise.allSettled([
      commands.execute(new UpdateServerCommand(server.id, { version: 1, description: 'left' }, testCaller)),
      commands.execute(new UpdateServerCommand(server.id, { version: 1, description: 'right' }, testCaller)),
    ]);

    const won = results.filter((r): r is PromiseFulfilledResult<McpServer> => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(won[0].value.version).toBe(2);
  });

  it('switches transport, dropping the stdio fields', async () => {
    const server = await register('four');

    const updated = await commands.execute(
      new UpdateServerCommand(server.id, { version: 1, transport: 'sse', config: { url: 'https://x.example/sse' } }, testCaller),
    );

    expect(updated.transport).toBe('sse');
    expect(updated.config).toMatchObject({ url: 'https://x.example/sse' });
    expect(updated.config).not.toHaveProperty('command');
  });

  it('refuses a rename onto an existing name (any case)', async () => {
    await register('five');
    const six = await register('six');

    await expect(commands.execute(new UpdateServerCommand(six.id, { version: 1, name: 'FIVE' }, testCaller))).rejects.toMatchObject({
      code: 'SERVER_NAME_TAKEN',
    });
  });

  it('does not bump the version when nothing changes', async () => {
    const server = await register('seven');

    const same = await commands.execute(new UpdateServerCommand(server.id, { version: 1, name: 'seven' }, testCaller));

    expect(same.version).toBe(1);
  });

  it('answers SERVER_NOT_FOUND for an unknown id', async () => {
    await expect(
      commands.execute(new UpdateServerCommand('00000000-0000-4000-8000-000000000000', { version: 1 }, testCaller)),
    ).rejects.toMatchObject({ code: 'SERVER_NOT_FOUND' });
  });
});
