import { CommandBus, QueryBus } from '@nestjs/cqrs';

import { LiveFiguresRepository } from '@mcp-fleet/api/servers/data-access';
import {
  createIntegrationContext,
  eventually,
  type IntegrationContext,
  remoteServerRequest,
  stdioServerRequest,
  testCaller,
} from '@mcp-fleet/api/shared/testing';
import { type ListServersParams, type McpServer, type Page, SELECTION_LIMITS, type ServerSelection } from '@mcp-fleet/shared/contracts';

import { RegisterServerCommand } from '../../commands/register-server/register-server.command';
import { ServersFeatureModule } from '../../servers-feature.module';
import { MatchServersQuery } from '../match-servers/match-servers.query';
import { ListServersQuery } from './list-servers.query';

describe('ListServersHandler (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let queries: QueryBus;
  const names = (result: { page: { items: { name: string }[] } }) => result.page.items.map((s) => s.name);
  const list = async (params: ListServersParams) => {
    const { json } = await queries.execute(new ListServersQuery(params));
    return { json, page: JSON.parse(json) as Page<McpServer> };
  };
  const revision = async () => (await ctx.dataSource.query<{ revision: string }[]>('SELECT revision FROM registry_revision'))[0].revision;

  beforeAll(async () => {
    ctx = await createIntegrationContext([ServersFeatureModule]);
    queries = ctx.module.get(QueryBus);
    const commands = ctx.module.get(CommandBus);
    for (const request of [
      stdioServerRequest('Files', { type: 'filesystem', tags: ['core'] }),
      stdioServerRequest('memory', { type: 'knowledge', tags: ['core', 'beta'] }),
      remoteServerRequest('search-web', { type: 'search', enabled: false }),
      { ...remoteServerRequest('search_legacy', { type: 'search' }), transport: 'sse' as const },
      stdioServerRequest('100%-real', { type: 'demo' }),
    ]) {
      await commands.execute(new RegisterServerCommand(request, testCaller));
    }
    await ctx.dataSource.query(`UPDATE mcp_servers SET status = 'running', state = 'running' WHERE name = 'memory'`);
  });
  afterAll(() => ctx.close());

  it('sorts by name, case-insensitively and in byte order, by default', async () => {
    const page = await list({});

    expect(names(page)).toEqual(['100%-real', 'Files', 'memory', 'search-web', 'search_legacy']);
    expect(page.page).toMatchObject({ total: 5, page: 1, pageSize: 20 });
    expect(JSON.parse(page.json)).toEqual(page.page);
  });

  it('sorts descending with a leading dash', async () => {
    const page = await list({ sort: '-name' });

    expect(names(page)[0]).toBe('search_legacy');
  });

  it('paginates with a stable total, and is empty past the end', async () => {
    const second = await list({ page: 2, pageSize: 2 });
    const beyond = await list({ page: 9, pageSize: 2 });

    expect(names(second)).toEqual(['memory', 'search-web']);
    expect(second.page.total).toBe(5);
    expect(beyond.page).toEqual({ items: [], total: 5, page: 9, pageSize: 2 });
  });

  it('searches names case-insensitively, treating % and _ literally', async () => {
    expect(names(await list({ search: 'FILE' }))).toEqual(['Files']);
    expect(names(await list({ search: '100%' }))).toEqual(['100%-real']);
    expect(names(await list({ search: 'h_l' }))).toEqual(['search_legacy']);
  });

  it('filters by status, type, transport, tag and enabled', async () => {
    expect(names(await list({ status: 'running' }))).toEqual(['memory']);
    expect(names(await list({ type: 'search' }))).toEqual(['search-web', 'search_legacy']);
    expect(names(await list({ transport: 'sse' }))).toEqual(['search_legacy']);
    expect(names(await list({ tag: 'core' }))).toEqual(['Files', 'memory']);
    expect(names(await list({ enabled: false }))).toEqual(['search-web']);
  });

  it('combines filters with AND', async () => {
    const page = await list({ tag: 'core', status: 'stopped', search: 'fi' });

    expect(names(page)).toEqual(['Files']);
    expect(page.page.total).toBe(1);
  });

  it('never serves a cached page after any change, even one made by another instance', async () => {
    const before = await list({ tag: 'core' });
    const again = await list({ tag: 'core' });
    expect(again.json).toBe(before.json);
    // Another API instance writes straight to the shared database.
    await ctx.dataSource.query(`UPDATE mcp_servers SET tags = ARRAY['core'] WHERE name = 'search-web'`);

    const after = await list({ tag: 'core' });

    expect(names(after)).toEqual(['Files', 'memory', 'search-web']);
    await ctx.dataSource.query(`UPDATE mcp_servers SET tags = '{}' WHERE name = 'search-web'`);
  });

  it('serves live figures on a cached page within half a second, and they never move the registry revision', async () => {
    await list({ search: 'memory' });
    const before = await revision();
    await ctx.dataSource.query(
      `UPDATE server_live_figures SET health = health || '{"status": "degraded"}',
         metrics = metrics || jsonb_build_object('lastStartedAt', (now() - interval '90 seconds')::text)
        WHERE server_id = (SELECT id FROM mcp_servers WHERE name = 'memory')`,
    );

    // The figures of a list are at most half a second old (one read shared by every request).
    const memory = await eventually(async () => {
      const [item] = (await list({ search: 'memory' })).page.items;
      return item.health.status === 'degraded' ? item : undefined;
    }, 'the new verdict in the list');

    expect(await revision()).toBe(before);
    expect(memory.health.status).toBe('degraded');
    // Computed when read, from the start time: it grows between two reads.
    expect(memory.metrics.uptimeSeconds).toBeGreaterThanOrEqual(90);
  });

  it('filters on drift and shows each driftCount, exact at once even on a cached page; only a new count moves the revision', async () => {
    const figures = ctx.module.get(LiveFiguresRepository);
    const [memory] = (await list({ search: 'memory' })).page.items;
    expect(names(await list({ drift: true }))).toEqual([]);

    await figures.setDriftCount(memory.id, 2);
    const drifting = await list({ drift: true });
    const rest = await list({ drift: false });
    const before = await revision();
    await figures.setDriftCount(memory.id, 2);

    expect(names(drifting)).toEqual(['memory']);
    expect(drifting.page.items[0]?.driftCount).toBe(2);
    expect(drifting.page.total).toBe(1);
    expect(names(rest)).toEqual(['100%-real', 'Files', 'search-web', 'search_legacy']);
    expect(rest.page.items.map((item) => item.driftCount)).toEqual([0, 0, 0, 0]);
    expect(await revision()).toBe(before);
    expect(names(await list({ drift: true, tag: 'beta' }))).toEqual(['memory']);

    await figures.setDriftCount(memory.id, 0);
    expect(names(await list({ drift: true }))).toEqual([]);
    expect((await list({ search: 'memory' })).page.items[0]?.driftCount).toBe(0);
  });

  it('says which running items wait for a restart, from their open runs, at once on a cached page', async () => {
    const pending = async () => (await list({})).page.items.map((item) => [item.name, item.pendingRestart, item.pendingPaths]);
    expect((await pending()).filter(([, waits]) => waits)).toEqual([]);

    // memory (running) was started from other args than it has now; Files (stopped) too, which does not count.
    await ctx.dataSource.query(
      `INSERT INTO server_runs (run_id, server_id, instance_id, transport, launch)
       SELECT gen_random_uuid(), id, 'elsewhere', transport,
              jsonb_build_object('transport', transport, 'config', config || '{"args": ["old.js"]}'::jsonb)
         FROM mcp_servers WHERE name IN ('memory', 'Files')`,
    );
    const waiting = await pending();
    await ctx.dataSource.query(`UPDATE server_runs SET ended_at = now() WHERE instance_id = 'elsewhere'`);
    const restarted = await pending();

    expect(waiting.filter(([, waits]) => waits)).toEqual([['memory', true, ['config.args']]]);
    expect(waiting.find(([name]) => name === 'Files')).toEqual(['Files', false, []]);
    expect(restarted.filter(([, waits]) => waits)).toEqual([]);
  });
  it('filters on maintenance', async () => {
    await ctx.dataSource.query(`UPDATE mcp_servers SET state = 'maintenance', desired_state = 'maintenance' WHERE name = 'Files'`);

    const inMaintenance = names(await list({ maintenance: true }));
    const others = names(await list({ maintenance: false }));
    await ctx.dataSource.query(`UPDATE mcp_servers SET state = 'stopped', desired_state = 'stopped' WHERE name = 'Files'`);

    expect(inMaintenance).toEqual(['Files']);
    expect(others).toEqual(['100%-real', 'memory', 'search-web', 'search_legacy']);
  });

  it('filters on health, never from a cached page: health moves no registry revision', async () => {
    const figures = ctx.module.get(LiveFiguresRepository);
    const [memory] = (await list({ search: 'memory' })).page.items;
    await figures.setHealth(memory.id, { ...memory.health, status: 'healthy' });
    expect(names(await list({ health: 'unhealthy' }))).toEqual([]);
    const before = await revision();

    await figures.setHealth(memory.id, { ...memory.health, status: 'unhealthy' });
    const unhealthy = await list({ health: 'unhealthy' });
    const healthy = await list({ health: 'healthy' });

    expect(await revision()).toBe(before);
    expect(names(unhealthy)).toEqual(['memory']);
    expect(unhealthy.page.total).toBe(1);
    expect(names(healthy)).toEqual([]);
    expect(names(await list({ health: 'unknown' }))).toEqual(['100%-real', 'Files', 'search-web', 'search_legacy']);
    await figures.setHealth(memory.id, { ...memory.health, status: 'healthy' });
  });

  it("selects every server a filter matches, id and name by name, within a reader's scope", async () => {
    const select = (filter: ListServersParams, serverIds?: string[]) =>
      queries.execute<MatchServersQuery, ServerSelection>(new MatchServersQuery(filter, serverIds));
    const all = (await list({})).page.items;

    const searches = await select({ type: 'search' });
    const scoped = await select({}, [all[0].id, all[2].id]);
    const none = await select({ tag: 'nobody' });

    expect(searches).toEqual({
      items: all.filter((s) => s.type === 'search').map(({ id, name }) => ({ id, name })),
      total: 2,
    });
    expect(scoped.items.map((item) => item.name)).toEqual([all[0].name, all[2].name]);
    expect(none).toEqual({ items: [], total: 0 });
  });

  it(`refuses a selection of more than ${SELECTION_LIMITS.maxServers} servers, whole, with the count`, async () => {
    await ctx.dataSource.query(
      `INSERT INTO mcp_servers (id, name, description, type, transport, status, state, desired_state, config, enabled, tags)
       SELECT gen_random_uuid(), 'bulk-' || lpad(n::text, 4, '0'), '', 'bulk', 'stdio', 'stopped', 'stopped', 'stopped',
              '{"command": "node"}'::jsonb, true, '{}'
         FROM generate_series(1, $1) AS n`,
      [SELECTION_LIMITS.maxServers + 1],
    );
    await ctx.dataSource.query(
      `INSERT INTO server_live_figures (server_id, health, metrics)
       SELECT s.id, f.health, f.metrics FROM mcp_servers s, (SELECT health, metrics FROM server_live_figures LIMIT 1) f
        WHERE s.type = 'bulk'`,
    );

    const refused = await queries.execute(new MatchServersQuery({ type: 'bulk' })).catch((error: unknown) => error);
    const bounded = await queries.execute<MatchServersQuery, ServerSelection>(new MatchServersQuery({ type: 'bulk', search: 'bulk-00' }));

    expect(refused).toMatchObject({
      code: 'TOO_MANY_MATCHES',
      details: { total: SELECTION_LIMITS.maxServers + 1, limit: SELECTION_LIMITS.maxServers },
    });
    expect(bounded.total).toBe(99);
    expect(bounded.items[0].name).toBe('bulk-0001');
  });
});
