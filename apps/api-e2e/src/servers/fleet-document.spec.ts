import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv2020 from 'ajv/dist/2020';
import { parse as parseYaml, stringify as toYaml } from 'yaml';

import { useApi } from '@mcp-fleet/api/shared/testing';
import {
  type ApiError,
  type AuditPage,
  type CatalogList,
  FLEET_LIMITS,
  type FleetApplyItemResult,
  type FleetApplyResponse,
  type FleetDocument,
  type FleetPlanItem,
  type FleetServer,
  type McpServer,
  SERVER_CONFIG_BOUNDS,
  SERVER_LIMITS,
  type ServerRevisionPage,
} from '@mcp-fleet/shared/contracts';

import { registerFixture, serverEvents, startOk } from '../support/mcp-runtime';

const SCHEMA = JSON.parse(readFileSync(join(__dirname, '../../../../docs/fleet-document.schema.json'), 'utf8')) as Record<string, unknown>;
const TOKEN = 'sk-fleet-DOC-7f8e9d';
const HEADER_TOKEN = 'Bearer fleet-HEADER-0a1b2c';

const summary = (items: FleetPlanItem[]) =>
  Object.fromEntries(
    items.map((item) => [item.name, item.changedPaths.length > 0 ? `${item.action} ${item.changedPaths.join(',')}` : item.action]),
  );

describe('the fleet as a document', () => {
  const api = useApi();
  const apply = (document: unknown, query = '') => api.post<FleetApplyResponse>(`/api/mcp/fleet/apply${query}`, document);
  const exported = async () => (await api.get<FleetDocument>('/api/mcp/fleet/export?format=json')).body;

  beforeAll(async () => {
    const servers = [
      {
        name: 'memory',
        transport: 'stdio',
        tags: ['demo'],
        config: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'], env: { API_KEY: { secret: true, value: TOKEN } } },
      },
      {
        name: 'remote',
        description: 'a remote one',
        transport: 'streamable-http',
        config: {
          url: 'https://mcp.example.com/mcp',
          headers: { Authorization: { secret: true, value: HEADER_TOKEN } },
          toolPolicy: 'block',
        },
      },
      { name: 'spare', transport: 'stdio', enabled: false, config: { command: 'npx', args: ['spare'] } },
    ];
    for (const server of servers) {
      const response = await api.post('/api/mcp/servers', server);
      expect(response.status).toBe(201);
    }
  });

  it('exports every server as YAML by default and as JSON, with a header and secrets as references only', async () => {
    const yaml = await api.get<string>('/api/mcp/fleet/export');
    const json = await api.get<FleetDocument>('/api/mcp/fleet/export?format=json');

    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toContain('application/yaml');
    expect(parseYaml(yaml.body)).toEqual(json.body);
    expect(json.body).toMatchObject({ apiVersion: 'mcp-fleet/v1', kind: 'Fleet' });
    expect(json.body.servers.map((server) => server.name)).toEqual(['memory', 'remote', 'spare']);
    const [memory, remote, spare] = json.body.servers;
    expect(memory).toMatchObject({ transport: 'stdio', tags: ['demo'], enabled: true, config: { env: { API_KEY: { secret: true } } } });
    expect(remote.config).toMatchObject({ toolPolicy: 'block', headers: { Authorization: { secret: true } } });
    expect(spare.enabled).toBe(false);
    for (const text of [yaml.body, JSON.stringify(json.body)]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('fleet-HEADER');
      expect(text).not.toContain('sealed');
    }
  });

  it('exports a document that the published JSON Schema accepts, with the limits the API enforces', async () => {
    const validate = new Ajv2020({ allErrors: true }).compile(SCHEMA);
    const document = await exported();

    expect(validate(document) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...document, kind: 'Fleets' })).toBe(false);
    const server = (SCHEMA['$defs'] as Record<string, { properties: Record<string, { pattern?: string; maxLength?: number }> }>)['server'];
    expect(server.properties['name'].pattern).toBe(SERVER_LIMITS.namePattern.source);
    expect(server.properties['type'].pattern).toBe(SERVER_LIMITS.typePattern.source);
    const disabledTools = server.properties['disabledTools'] as { maxItems?: number; items?: { pattern?: string } };
    expect([disabledTools.items?.pattern, disabledTools.maxItems]).toEqual([
      FLEET_LIMITS.toolNamePattern.source,
      FLEET_LIMITS.maxDisabledTools,
    ]);
    const config = (
      SCHEMA['$defs'] as Record<string, { properties: Record<string, { minimum?: number; maximum?: number; default?: number }> }>
    )['config'];
    for (const [field, bounds] of Object.entries(SERVER_CONFIG_BOUNDS)) {
      expect([field, config.properties[field].minimum, config.properties[field].maximum, config.properties[field].default]).toEqual([
        field,
        bounds.min,
        bounds.max,
        bounds.default,
      ]);
    }
  });

  it('plans an exported document, JSON or YAML, as all unchanged and writes nothing', async () => {
    const document = await exported();
    const before = await api.get<McpServer[]>('/api/mcp/servers');

    const json = await apply(document, '?dryRun=true');
    const yaml = await api.post<FleetApplyResponse>('/api/mcp/fleet/apply?dryRun=true', toYaml(document), {
      'content-type': 'application/yaml',
    });
    const applied = await apply(document);
    const after = await api.get<McpServer[]>('/api/mcp/servers');

    expect(json.status).toBe(200);
    expect(summary(json.body.items)).toEqual({ memory: 'unchanged', remote: 'unchanged', spare: 'unchanged' });
    expect(yaml.status).toBe(200);
    expect(yaml.body.items).toEqual(json.body.items);
    expect(applied.body.items.every((item) => (item as FleetApplyItemResult).success)).toBe(true);
    expect(after.body).toEqual(before.body);
  });

  it('plans an edited document exactly: create, update with the changed paths, unchanged, no delete without prune', async () => {
    const document = await exported();
    const [memory, remote] = document.servers;
    memory.tags = ['demo', 'prod'];
    memory.config.args = ['-y', '@modelcontextprotocol/server-memory@latest'];
    memory.config.env = { ...memory.config.env, API_KEY: { secret: true, value: 'sk-rotated-FLEET' }, MODE: 'fast' };
    document.servers = [memory, remote, { name: 'added', transport: 'sse', config: { url: 'https://sse.example.com/sse' } }];

    const plan = await apply(document, '?dryRun=true');
    const pruned = await apply(document, '?dryRun=true&prune=true');
    const listed = await api.get<{ total: number }>('/api/mcp/servers');

    expect(plan.status).toBe(200);
    expect(summary(plan.body.items)).toEqual({
      memory: 'update tags,config.args,config.env.API_KEY,config.env.MODE',
      remote: 'unchanged',
      added: 'create',
    });
    expect(summary(pruned.body.items)).toEqual({ ...summary(plan.body.items), spare: 'delete' });
    expect(JSON.stringify(plan.body)).not.toContain('sk-rotated-FLEET');
    expect(listed.body.total).toBe(3);
  });

  it('applies a document: a revision per changed server, one audited operation, secrets kept or set', async () => {
    const document = await exported();
    const memory = document.servers[0];
    memory.description = 'from Git';
    document.servers.push({ name: 'added', transport: 'sse', config: { url: 'https://sse.example.com/sse' }, tags: ['git'] });

    const result = await apply(document);
    const memoryId = result.body.items.find((item) => item.name === 'memory')?.serverId ?? '';
    const revisions = await api.get<ServerRevisionPage>(`/api/mcp/servers/${memoryId}/revisions`);
    const audit = await api.get<AuditPage>('/api/mcp/audit?action=fleet.apply');
    const stored = await api.sql<{ env: string }>(
      `SELECT config->'env'->'API_KEY'->>'sealed' AS env FROM mcp_servers WHERE name = 'memory'`,
    );
    const again = await apply(await exported(), '?dryRun=true');

    expect(result.status).toBe(200);
    expect(result.body.items.map((item) => [item.name, item.action, (item as FleetApplyItemResult).success])).toEqual([
      ['memory', 'update', true],
      ['remote', 'unchanged', true],
      ['spare', 'unchanged', true],
      ['added', 'create', true],
    ]);
    expect(revisions.body.items[0]).toMatchObject({ action: 'update', changes: [{ field: 'description', before: '', after: 'from Git' }] });
    expect(audit.body.items.length).toBeGreaterThanOrEqual(1);
    expect(stored[0].env).toEqual(expect.any(String));
    expect(new Set(again.body.items.map((item) => item.action))).toEqual(new Set(['unchanged']));
  });

  it('deletes servers the document leaves out only with prune=true', async () => {
    const document = await exported();
    document.servers = document.servers.filter((server) => server.name !== 'spare');

    const kept = await apply(document);
    const afterKept = await api.get<{ total: number }>('/api/mcp/servers');
    const pruned = await apply(document, '?prune=true');
    const names = (await exported()).servers.map((server) => server.name);

    expect(kept.body.items.some((item) => item.action === 'delete')).toBe(false);
    expect(afterKept.body.total).toBe(4);
    expect(pruned.body.items.filter((item) => item.action === 'delete')).toEqual([
      expect.objectContaining({ name: 'spare', action: 'delete', success: true }),
    ]);
    expect(names).toEqual(['added', 'memory', 'remote']);
  });

  it('refuses only the item that references a secret that is not stored, with its path', async () => {
    const document = await exported();
    document.servers.push({ name: 'orphan', transport: 'stdio', config: { command: 'npx', env: { TOKEN: { secret: true } } } });
    document.servers[0].description = 'applied beside a refusal';

    const plan = await apply(document, '?dryRun=true');
    const result = await apply(document);
    const names = (await exported()).servers.map((server) => server.name);

    expect(plan.body.items.find((item) => item.name === 'orphan')?.refusal).toMatchObject({
      code: 'VALIDATION_FAILED',
      path: 'servers[3].config.env.TOKEN',
    });
    expect(result.body.items.find((item) => item.name === 'orphan')).toMatchObject({ success: false, code: 'VALIDATION_FAILED' });
    expect(result.body.items.find((item) => item.name === 'added')).toMatchObject({ action: 'update', success: true });
    expect(names).not.toContain('orphan');
  });

  it('refuses a bad document whole with 400, the item and the JSON path, and writes nothing', async () => {
    const document = await exported();
    const before = JSON.stringify(document);
    document.servers[0].description = 'must not be written';
    const broken = structuredClone(document);
    const remote = document.servers.findIndex((server) => server.name === 'remote');
    delete broken.servers[remote].config.url;
    (broken.servers[remote] as unknown as Record<string, unknown>)['colour'] = 'red';
    const duplicate = { ...document, servers: [...document.servers, document.servers[2]] };

    const invalid = await api.post<ApiError>('/api/mcp/fleet/apply', broken);
    const header = await api.post<ApiError>('/api/mcp/fleet/apply', { ...document, apiVersion: 'v0' });
    const twice = await api.post<ApiError>('/api/mcp/fleet/apply', duplicate);
    const yaml = await api.post<ApiError>('/api/mcp/fleet/apply', 'servers: [unclosed', { 'content-type': 'application/yaml' });

    expect([invalid.status, invalid.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(invalid.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ item: 'remote', path: `servers[${remote}].colour` }),
        expect.objectContaining({ item: 'remote', path: `servers[${remote}].config.url` }),
      ]),
    );
    expect([header.status, header.body.details]).toEqual([400, [expect.objectContaining({ item: null, path: 'apiVersion' })]]);
    expect([twice.status, twice.body.details]).toEqual([
      400,
      [expect.objectContaining({ item: document.servers[2].name, path: `servers[${document.servers.length}].name` })],
    ]);
    expect([yaml.status, yaml.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(JSON.stringify(await exported())).toEqual(before);
  });

  it('lets a viewer export but not apply', async () => {
    await api.post('/api/mcp/users', { email: 'fleet-viewer@example.com', role: 'viewer', password: 'viewer-password-12' });
    const viewer = api.as(await api.login('fleet-viewer@example.com', 'viewer-password-12'));

    const read = await viewer.get('/api/mcp/fleet/export?format=json');
    const write = await viewer.post<ApiError>('/api/mcp/fleet/apply?dryRun=true', await exported());

    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
  });
});

describe('the fleet document with tool switches', () => {
  const api = useApi();
  const apply = (document: unknown, query = '') => api.post<FleetApplyResponse>(`/api/mcp/fleet/apply${query}`, document);
  const exported = async () => (await api.get<FleetDocument>('/api/mcp/fleet/export?format=json')).body;
  const serverIn = (document: FleetDocument, name: string) => document.servers.find((server) => server.name === name) as FleetServer;
  const switches = async (serverId: string) =>
    Object.fromEntries(
      (await api.get<CatalogList<{ name: string; enabled: boolean }>>(`/api/mcp/servers/${serverId}/tools`)).body.items.map((tool) => [
        tool.name,
        tool.enabled,
      ]),
    );
  let tools: McpServer;

  beforeAll(async () => {
    // `tools` has reported its catalog (it ran); `fresh` never ran, so it has none.
    tools = await registerFixture(api, 'tools', 'v2-server.mjs');
    await startOk(api, tools.id);
    await registerFixture(api, 'fresh', 'v2-server.mjs');
    for (const tool of ['echo', 'add']) {
      expect((await api.patch(`/api/mcp/servers/${tools.id}/tools/${tool}`, { enabled: false })).status).toBe(200);
    }
  });

  it('exports the tools switched off, sorted, and plans and applies the export back as unchanged', async () => {
    const document = await exported();
    const validate = new Ajv2020({ allErrors: true }).compile(SCHEMA);

    const plan = await apply(document, '?dryRun=true');
    const applied = await apply(document);
    const events = await serverEvents(api, tools.id, 'server.tool_switched');

    expect(serverIn(document, 'tools').disabledTools).toEqual(['add', 'echo']);
    expect(serverIn(document, 'fresh')).not.toHaveProperty('disabledTools');
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    expect(summary(plan.body.items)).toEqual({ fresh: 'unchanged', tools: 'unchanged' });
    expect(applied.body.items.map((item) => [item.name, (item as FleetApplyItemResult).success, 'toolSwitches' in item])).toEqual([
      ['fresh', true, false],
      ['tools', true, false],
    ]);
    expect(events).toHaveLength(2);
    expect(await exported()).toEqual(document);
  });

  it('plans edited switches as an update of each tool path and applies them as the switch route does', async () => {
    const document = await exported();
    serverIn(document, 'tools').disabledTools = ['fail', 'add'];
    serverIn(document, 'fresh').disabledTools = ['not-reported-yet'];
    const revisionsBefore = (await api.get<ServerRevisionPage>(`/api/mcp/servers/${tools.id}/revisions`)).body.items.length;

    const plan = await apply(document, '?dryRun=true');
    const unchangedAfterPlan = await switches(tools.id);
    const result = await apply(document);
    const after = await switches(tools.id);
    const call = await api.post<ApiError>(`/api/mcp/servers/${tools.id}/tools/fail/call`, { arguments: { message: 'x' } });
    const events = await serverEvents(api, tools.id, 'server.tool_switched');
    const revisionsAfter = (await api.get<ServerRevisionPage>(`/api/mcp/servers/${tools.id}/revisions`)).body.items.length;
    const again = await apply(await exported(), '?dryRun=true');

    expect(summary(plan.body.items)).toEqual({
      fresh: 'update disabledTools.not-reported-yet',
      tools: 'update disabledTools.echo,disabledTools.fail',
    });
    expect(unchangedAfterPlan).toMatchObject({ add: false, echo: false, fail: true });
    expect(result.body.items).toEqual([
      expect.objectContaining({ name: 'fresh', success: true, toolSwitches: { switchedOff: ['not-reported-yet'], switchedOn: [] } }),
      expect.objectContaining({ name: 'tools', success: true, toolSwitches: { switchedOff: ['fail'], switchedOn: ['echo'] } }),
    ]);
    expect(after).toMatchObject({ add: false, echo: true, fail: false });
    expect([call.status, call.body.code]).toEqual([403, 'TOOL_DISABLED']);
    expect(events.slice(-2).map((event) => event.data)).toEqual([
      { tool: 'fail', enabled: false },
      { tool: 'echo', enabled: true },
    ]);
    // A switch is no registration change: no revision.
    expect(revisionsAfter).toBe(revisionsBefore);
    expect(summary(again.body.items)).toEqual({ fresh: 'unchanged', tools: 'unchanged' });
  });

  it('creates a server with its tools switched off, whatever their names before its first start', async () => {
    const document = await exported();
    document.servers.push({ ...serverIn(document, 'fresh'), name: 'born-off', disabledTools: ['write', 'delete'] });

    const result = await apply(document);
    const born = serverIn(await exported(), 'born-off');

    expect(result.body.items.find((item) => item.name === 'born-off')).toMatchObject({
      action: 'create',
      success: true,
      toolSwitches: { switchedOff: ['delete', 'write'], switchedOn: [] },
    });
    expect(born.disabledTools).toEqual(['delete', 'write']);
  });

  it('refuses only the item that switches off a tool its catalog does not list, and writes nothing for it', async () => {
    const document = await exported();
    const before = JSON.stringify(serverIn(document, 'tools'));
    const index = document.servers.findIndex((server) => server.name === 'tools');
    serverIn(document, 'tools').description = 'must not be written';
    serverIn(document, 'tools').disabledTools = ['add', 'fail', 'no-such-tool'];
    serverIn(document, 'fresh').description = 'applied beside a refusal';

    const plan = await apply(document, '?dryRun=true');
    const result = await apply(document);
    const now = await exported();

    const refusal = plan.body.items.find((item) => item.name === 'tools')?.refusal;
    expect(refusal).toMatchObject({ code: 'TOOL_NOT_FOUND', path: `servers[${index}].disabledTools[2]` });
    expect(refusal?.message).toContain('no-such-tool');
    expect(result.body.items.find((item) => item.name === 'tools')).toMatchObject({ success: false, code: 'TOOL_NOT_FOUND' });
    expect(result.body.items.find((item) => item.name === 'fresh')).toMatchObject({ success: true });
    expect(JSON.stringify(serverIn(now, 'tools'))).toEqual(before);
    expect(serverIn(now, 'fresh').description).toBe('applied beside a refusal');
  });

  it('refuses a document whose disabledTools are not a list of tool names whole, with the path', async () => {
    const document = await exported();
    const index = document.servers.findIndex((server) => server.name === 'tools');
    const notAList = structuredClone(document);
    (serverIn(notAList, 'tools') as unknown as Record<string, unknown>)['disabledTools'] = 'add';
    const badName = structuredClone(document);
    serverIn(badName, 'tools').disabledTools = ['add', 'no spaces'];

    const list = await api.post<ApiError>('/api/mcp/fleet/apply?dryRun=true', notAList);
    const name = await api.post<ApiError>('/api/mcp/fleet/apply?dryRun=true', badName);
    const validate = new Ajv2020({ allErrors: true }).compile(SCHEMA);

    expect([list.status, list.body.details]).toEqual([
      400,
      [expect.objectContaining({ item: 'tools', path: `servers[${index}].disabledTools` })],
    ]);
    expect([name.status, name.body.details]).toEqual([
      400,
      [expect.objectContaining({ item: 'tools', path: `servers[${index}].disabledTools[1]` })],
    ]);
    expect([validate(notAList), validate(badName)]).toEqual([false, false]);
  });
});
