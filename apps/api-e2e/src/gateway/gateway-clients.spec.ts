import { Client as ClientV2, StreamableHTTPClientTransport as TransportV2 } from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

import { eventually, useApi } from '@mcp-fleet/api/shared/testing';
import type { AuditEntry, CatalogList, CreateApiTokenResponse, McpServer, Page } from '@mcp-fleet/shared/contracts';

import { command, registerFixture, registerStdio, SERVER_EVERYTHING, startOk } from '../support/mcp-runtime';

type Text = { content?: { type: string; text?: string }[]; isError?: boolean };
const textOf = (result: unknown) => ((result as Text).content ?? []).map((c) => c.text).join('');

/**
 * The MCP gateway with the official SDK clients of both generations over Streamable HTTP: the
 * 1.x client speaks the session protocol (initialize, Mcp-Session-Id), the 2.x client the
 * stateless 2026-07-28 one (server/discover, per-request _meta).
 */
describe('MCP gateway with the official SDK clients', () => {
  const api = useApi();
  let alpha: McpServer;
  let beta: McpServer;
  let token: string;
  const open: { close(): Promise<void> }[] = [];

  const v2 = async (path: string, bearer = token, onToolsChanged?: () => void) => {
    const client = new ClientV2(
      { name: 'e2e-v2', version: '1.0.0' },
      {
        versionNegotiation: { mode: 'auto' },
        ...(onToolsChanged ? { listChanged: { tools: { onChanged: () => onToolsChanged() } } } : {}),
      },
    );
    await client.connect(
      new TransportV2(new URL(`${api.url}${path}`), { requestInit: { headers: { authorization: `Bearer ${bearer}` } } }),
    );
    open.push(client);
    return client;
  };
  const v1 = async (path: string, bearer = token) => {
    const client = new ClientV1({ name: 'e2e-v1', version: '1.0.0' });
    await client.connect(
      new TransportV1(new URL(`${api.url}${path}`), { requestInit: { headers: { authorization: `Bearer ${bearer}` } } }),
    );
    open.push(client);
    return client;
  };
  const createToken = async (body: Record<string, unknown>) =>
    (await api.post<CreateApiTokenResponse>('/api/mcp/api-tokens', body)).body.token;

  beforeAll(async () => {
    alpha = await registerFixture(api, 'gw-alpha', 'v2-server.mjs');
    beta = await registerFixture(api, 'gw-beta', 'v2-server.mjs');
    await startOk(api, alpha.id);
    await startOk(api, beta.id);
    token = await createToken({ name: 'gateway', permissions: ['mcp:call_tools'] });
  });

  afterAll(async () => {
    await Promise.all(open.map((client) => client.close().catch(() => undefined)));
  });

  it('asks for a token with a 401 that says where to learn how (RFC 9728 metadata)', async () => {
    const response = await fetch(`${api.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
      }),
    });
    const challenge = response.headers.get('www-authenticate') ?? '';
    const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1] ?? '';
    const metadata = (await (await fetch(metadataUrl)).json()) as Record<string, unknown>;

    expect(response.status).toBe(401);
    expect(challenge).toMatch(/^Bearer resource_metadata="/);
    expect(metadata['resource']).toBe(`${api.url}/mcp`);
    expect(metadata['bearer_methods_supported']).toEqual(['header']);
  });

  it('refuses a principal without mcp:call_tools or mcp:manage_servers (403)', async () => {
    const viewer = await createToken({ name: 'viewer', permissions: ['mcp:view_servers'] });
    const response = await fetch(`${api.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${viewer}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(response.status).toBe(403);
  });

  it('serves the fleet to the 2.x client over 2026-07-28: prefixed tools, a call, resources and prompts', async () => {
    const client = await v2('/mcp');
    const tools = (await client.listTools()).tools.map((tool) => tool.name);
    const echoed = await client.callTool({ name: 'gw-alpha__echo', arguments: { text: 'through the gateway' } });
    const resources = (await client.listResources()).resources.map((resource) => resource.uri);
    const prompt = await client.getPrompt({ name: 'gw-beta__greet', arguments: { name: 'Ada' } });

    expect(client.getProtocolEra()).toBe('modern');
    expect(tools).toEqual(expect.arrayContaining(['gw-alpha__echo', 'gw-alpha__add', 'gw-beta__echo']));
    expect(textOf(echoed)).toBe('through the gateway');
    // Both servers list fixture://readme: the gateway keeps them apart.
    expect(resources.sort()).toEqual(['mcp-fleet://gw-alpha/fixture%3A%2F%2Freadme', 'mcp-fleet://gw-beta/fixture%3A%2F%2Freadme']);
    expect(JSON.stringify(prompt.messages)).toContain('Hello, Ada!');
    const read = await client.readResource({ uri: resources[0] });
    expect(read.contents.length).toBeGreaterThan(0);
  });

  it('serves the fleet to the 1.x client over the session protocol, and one server on its own URL', async () => {
    const fleet = await v1('/mcp');
    const single = await v1('/mcp/gw-beta');
    const sum = await fleet.callTool({ name: 'gw-beta__add', arguments: { a: 2, b: 3 } });
    const ownNames = (await single.listTools()).tools.map((tool) => tool.name);
    const own = await single.callTool({ name: 'echo', arguments: { text: 'direct name' } });

    expect(fleet.getServerVersion()?.name).toBe('mcp-fleet');
    expect(textOf(sum)).toBe('5');
    expect(ownNames).toEqual(expect.arrayContaining(['echo', 'add']));
    expect(ownNames.some((name) => name.includes('__'))).toBe(false);
    expect(textOf(own)).toBe('direct name');
  });

  it('passes a server list_changed on to connected clients of both generations', async () => {
    let heardV1 = 0;
    let heardV2 = 0;
    const legacy = await v1('/mcp');
    legacy.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      heardV1 += 1;
    });
    await legacy.listTools(); // the GET stream is open once the session runs
    const modern = await v2('/mcp', token, () => (heardV2 += 1));
    await modern.listTools();

    await legacy.callTool({ name: 'gw-alpha__add_tool', arguments: { name: 'fresh_tool' } });

    await eventually(() => heardV1 > 0 && heardV2 > 0, 'list_changed on both clients');
    await eventually(async () => (await legacy.listTools()).tools.some((t) => t.name === 'gw-alpha__fresh_tool'), 'the new tool listed');
  });

  it('limits a scoped token to its servers, through the gateway as through REST', async () => {
    const scoped = await createToken({ name: 'alpha only', permissions: ['mcp:call_tools'], serverIds: [alpha.id] });
    const client = await v1('/mcp', scoped);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    const refused = await client.callTool({ name: 'gw-beta__echo', arguments: { text: 'x' } }).catch((error: Error) => error);
    const single = await fetch(`${api.url}/mcp/gw-beta`, {
      method: 'POST',
      headers: { authorization: `Bearer ${scoped}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
      }),
    });

    expect(names.every((name) => name.startsWith('gw-alpha__'))).toBe(true);
    expect(names.length).toBeGreaterThan(0);
    expect(refused).toBeInstanceOf(Error);
    expect(String((refused as Error).message)).toMatch(/Unknown tool: gw-beta__echo/);
    expect(single.status).toBe(404);
  });

  it('hides a switched-off tool from every client and refuses its calls, REST included', async () => {
    const patch = await api.patch<{ enabled: boolean }>(`/api/mcp/servers/${alpha.id}/tools/add`, { enabled: false });
    const client = await v2('/mcp');
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    const viaGateway = await client.callTool({ name: 'gw-alpha__add', arguments: { a: 1, b: 1 } }).catch((error: Error) => error);
    const viaRest = await api.post<{ code: string }>(`/api/mcp/servers/${alpha.id}/tools/add/call`, { arguments: { a: 1, b: 1 } });
    const catalog = await api.get<CatalogList<{ name: string; enabled: boolean }>>(`/api/mcp/servers/${alpha.id}/tools`);

    expect(patch.status).toBe(200);
    expect(names).not.toContain('gw-alpha__add');
    expect(names).toContain('gw-beta__add');
    expect(String((viaGateway as Error).message)).toMatch(/switched off/);
    expect([viaRest.status, viaRest.body.code]).toEqual([403, 'TOOL_DISABLED']);
    expect(catalog.body.items.find((tool) => tool.name === 'add')?.enabled).toBe(false);
    expect(catalog.body.items.find((tool) => tool.name === 'echo')?.enabled).toBe(true);

    await api.patch(`/api/mcp/servers/${alpha.id}/tools/add`, { enabled: true });
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('gw-alpha__add');
  });

  it('cancels a call upstream when the client cancels it (session era: notifications/cancelled)', async () => {
    const headers = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25',
    };
    const post = (body: unknown, sessionId?: string) =>
      fetch(`${api.url}/mcp`, {
        method: 'POST',
        headers: sessionId ? { ...headers, 'mcp-session-id': sessionId } : headers,
        body: JSON.stringify(body),
      });
    const init = await post({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'cancel', version: '1' } },
    });
    const sessionId = init.headers.get('mcp-session-id') ?? '';
    // A call the server would answer only after ten minutes.
    const call = post(
      { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'gw-alpha__sleep', arguments: { ms: 600_000 } } },
      sessionId,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    const cancel = await post({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 7, reason: 'user' } }, sessionId);
    const answer = (await (await call).json()) as { id: number; error?: { message: string } };

    expect(cancel.status).toBe(202);
    expect(answer.id).toBe(7);
    expect(answer.error?.message).toMatch(/abort|cancel/i);
  });

  it('audits every call with principal, server, tool, duration and outcome, and counts it in /metrics', async () => {
    const client = await v1('/mcp');
    await client.callTool({ name: 'gw-beta__echo', arguments: { text: 'audited' } });

    const row = await eventually(async () => {
      const audit = await api.get<Page<AuditEntry>>('/api/mcp/audit?action=mcp.tools_call');
      return audit.body.items.find((entry) => entry.target?.name === 'gw-beta:gw-beta__echo');
    }, 'the audit row');
    expect(row).toMatchObject({ via: 'mcp', result: 'success', actor: { kind: 'token', name: 'gateway' }, target: { id: beta.id } });
    expect(typeof row.durationMs).toBe('number');
    const metrics = (await api.get<string>('/metrics')).body;
    expect(metrics).toMatch(/mcp_gateway_requests_total\{server_name="gw-beta",method="tools\/call",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/mcp_gateway_request_duration_seconds_bucket/);
  });

  it('passes a long call’s progress on to the client, with the client’s own token', async () => {
    const everything = await registerStdio(api, 'gw-everything', [SERVER_EVERYTHING, 'stdio']);
    await startOk(api, everything.id);
    const client = await v1('/mcp/gw-everything');
    const progress: number[] = [];

    const result = await client.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 1, steps: 4 } }, undefined, {
      onprogress: (update) => progress.push(update.progress),
    });

    expect(textOf(result)).toMatch(/completed/i);
    // Relayed in order with the client's own token. The server's last update may race its result
    // (a client drops progress after the answer), so the first ones are what must arrive.
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual([1, 2, 3, 4].slice(0, progress.length));
    await command(api, everything.id, 'stop');
  });

  it('drops a stopped server from the lists at once, and a call to it is a clear MCP error', async () => {
    const client = await v1('/mcp');
    const stopped = await command(api, beta.id, 'stop');
    expect(stopped.status).toBe(200);

    await eventually(async () => !(await client.listTools()).tools.some((tool) => tool.name.startsWith('gw-beta__')), 'gw-beta gone');
    const refused = await client.callTool({ name: 'gw-beta__echo', arguments: { text: 'x' } }).catch((error: Error) => error);
    expect(String((refused as Error).message)).toMatch(/Unknown tool: gw-beta__echo/);

    const single = await v1('/mcp/gw-beta');
    expect((await single.listTools()).tools).toEqual([]);
    const direct = await single.callTool({ name: 'echo', arguments: { text: 'x' } }).catch((error: Error) => error);
    expect(String((direct as Error).message)).toMatch(/gw-beta is stopped/);
  });
});
