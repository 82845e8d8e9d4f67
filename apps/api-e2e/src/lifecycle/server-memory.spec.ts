import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { useApi } from '@mcp-fleet/api/shared/testing';
import type { CallToolResponse, CatalogList, McpServer } from '@mcp-fleet/shared/contracts';

import { commandOk, registerStdio, REPO_ROOT, serverEvents, startedPid, usePidJanitor } from '../support/mcp-runtime';

const SERVER_MEMORY = resolve(REPO_ROOT, 'node_modules/@modelcontextprotocol/server-memory/dist/index.js');

describe('@modelcontextprotocol/server-memory over stdio: state that lives across tool calls', () => {
  const api = useApi();
  const janitor = usePidJanitor();
  let tempDir: string;
  let server: McpServer;

  beforeAll(async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'mcp-fleet-memory-'));
    server = await registerStdio(api, 'memory', [SERVER_MEMORY], { env: { MEMORY_FILE_PATH: join(tempDir, 'memory.jsonl') } });
    await commandOk(api, server.id, 'start');
    janitor.track(...(await serverEvents(api, server.id, 'server.started')).map(startedPid));
  });

  // The API stops the server when the harness shuts it down; the janitor catches anything left.
  afterAll(() => {
    rmSync(tempDir, { recursive: true, force: true });
  });

  const call = (tool: string, args: Record<string, unknown>) =>
    api.post<CallToolResponse>(`/api/mcp/servers/${server.id}/tools/${tool}/call`, { arguments: args });

  it('lists its knowledge-graph tools with the 2025 session protocol', async () => {
    const tools = await api.get<CatalogList<{ name: string }>>(`/api/mcp/servers/${server.id}/tools`);

    expect(tools.body.protocolVersion).toBe('2025-11-25');
    expect(tools.body.items.map((t) => t.name)).toEqual(expect.arrayContaining(['create_entities', 'read_graph', 'search_nodes']));
  });

  it('remembers an entity created by one call in the next call', async () => {
    const created = await call('create_entities', {
      entities: [{ name: 'mcp-fleet', entityType: 'project', observations: ['supervises MCP servers'] }],
    });
    const graph = await call('read_graph', {});

    expect(created.status).toBe(200);
    expect(created.body.result['isError']).toBeFalsy();
    expect(graph.status).toBe(200);
    expect(JSON.stringify(graph.body.result['content'])).toContain('supervises MCP servers');
  });
});
