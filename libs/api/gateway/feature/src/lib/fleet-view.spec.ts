import type { DirectoryEntry } from '@mcp-fleet/api/runtime/data-access';
import type { McpServer, Principal } from '@mcp-fleet/shared/contracts';

import { FleetView, page, PAGE_SIZE, parseFleetUri, visible } from './fleet-view';
import { RpcFailure } from './json-rpc';

function entry(
  name: string,
  catalog: { tools?: string[]; resources?: string[]; prompts?: string[] },
  options: { state?: string; off?: string[] } = {},
): DirectoryEntry {
  return {
    server: { id: `id-${name}`, name, state: options.state ?? 'running' } as unknown as McpServer,
    catalog: {
      serverId: `id-${name}`,
      protocolVersion: '2025-11-25',
      serverInfo: {},
      capabilities: { tools: {}, resources: {}, prompts: {} },
      tools: (catalog.tools ?? []).map((tool) => ({ name: tool, inputSchema: { type: 'object' } })),
      resources: (catalog.resources ?? []).map((uri) => ({ uri, name: uri })),
      prompts: (catalog.prompts ?? []).map((prompt) => ({ name: prompt })),
      refreshedAt: new Date(0).toISOString(),
    },
    disabledTools: new Set(options.off ?? []),
  };
}

const user: Principal = { kind: 'user', id: 'u', name: 'u', role: 'operator', permissions: ['mcp:call_tools'] };

describe('the fleet endpoint’s view', () => {
  it('prefixes tools and prompts with the server name and hides switched-off tools', () => {
    const view = new FleetView([
      entry('files', { tools: ['read', 'write'], prompts: ['summarise'] }, { off: ['write'] }),
      entry('web', { tools: ['fetch'] }),
    ]);

    expect(view.tools().map((tool) => tool['name'])).toEqual(['files__read', 'web__fetch']);
    expect(view.prompts().map((prompt) => prompt['name'])).toEqual(['files__summarise']);
  });

  it('routes a prefixed name back to its server, the longest server name first', () => {
    const view = new FleetView([entry('a', { tools: ['b__c'] }), entry('a__b', { tools: ['c'] })]);

    expect(view.route('a__b__c', 'tool')).toMatchObject({ entry: { server: { name: 'a__b' } }, name: 'c' });
    expect(view.route('a__x', 'tool')).toMatchObject({ entry: { server: { name: 'a' } }, name: 'x' });
    expect(() => view.route('nobody__x', 'tool')).toThrow(RpcFailure);
    expect(() => view.route('no-separator', 'tool')).toThrow(/Unknown tool/);
  });

  it('keeps a resource URI unless two servers list it, and routes both forms back', () => {
    const view = new FleetView([
      entry('one', { resources: ['file:///shared', 'file:///mine'] }),
      entry('two', { resources: ['file:///shared'] }),
    ]);
    const uris = view.resources().map((resource) => resource['uri']);

    expect(uris).toEqual(['mcp-fleet://one/file%3A%2F%2F%2Fshared', 'file:///mine', 'mcp-fleet://two/file%3A%2F%2F%2Fshared']);
    expect(view.routeUri(uris[2], new Map())).toMatchObject({ entry: { server: { name: 'two' } }, uri: 'file:///shared' });
    expect(view.routeUri('file:///mine', new Map())).toMatchObject({ entry: { server: { name: 'one' } }, uri: 'file:///mine' });
    expect(parseFleetUri('mcp-fleet://two/file%3A%2F%2F%2Fshared')).toEqual({ serverName: 'two', uri: 'file:///shared' });
  });

  it('routes a URI nobody lists by the longest matching template prefix, and refuses one nobody offers', () => {
    const view = new FleetView([entry('docs', {}), entry('api', {})]);
    const templates = new Map([
      ['id-docs', ['docs://{path}']],
      ['id-api', ['docs://api/{path}']],
    ]);

    expect(view.routeUri('docs://api/users', templates).entry.server.name).toBe('api');
    expect(view.routeUri('docs://guide', templates).entry.server.name).toBe('docs');
    expect(() => view.routeUri('other://x', templates)).toThrow(/No server of the fleet offers/);
  });

  it('shows only running servers within a token’s scope', () => {
    expect(visible(entry('a', {}), user)).toBe(true);
    expect(visible(entry('a', {}, { state: 'stopping' }), user)).toBe(false);
    expect(visible(entry('a', {}), { ...user, serverIds: ['id-b'] })).toBe(false);
    expect(visible(entry('b', {}), { ...user, serverIds: ['id-b'] })).toBe(true);
  });

  it('pages long lists with an opaque cursor and refuses a forged one', () => {
    const items = Array.from({ length: PAGE_SIZE + 3 }, (_, n) => ({ n }));
    const first = page(items, undefined);
    const second = page(items, first.nextCursor);

    expect([first.items.length, second.items.length, second.nextCursor]).toEqual([PAGE_SIZE, 3, undefined]);
    expect(() => page(items, 'not-a-cursor')).toThrow(/Invalid cursor/);
  });
});
