import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

import { eventually } from '@mcp-fleet/api/shared/testing';
import type { CreateApiTokenResponse, McpServer } from '@mcp-fleet/shared/contracts';

import { fixture } from '../support/mcp-runtime';
import { addressesKnown, type ApiInstance, useRestartableApi } from '../support/restartable-api';

type Text = { content?: { type: string; text?: string }[] };

/** Two replicas on one database: a gateway client on either reaches a server the other runs. */
describe('MCP gateway across replicas', () => {
  const fleet = useRestartableApi();

  const forwardedCalls = async (replica: ApiInstance) => {
    const metrics = (await replica.get<string>('/metrics')).body;
    const line = /mcp_forwarded_operations_total\{kind="mcpRequest",outcome="answered"\} (\d+)/.exec(metrics);
    return Number(line?.[1] ?? 0);
  };

  it('answers a tool call on whichever replica the client reached, one session across both', async () => {
    const [a, b] = [await fleet.boot(), await fleet.boot()];
    await addressesKnown([a, b]);
    const server = (
      await a.post<McpServer>('/api/mcp/servers', {
        name: 'across',
        transport: 'stdio',
        config: { command: process.execPath, args: [fixture('v2-server.mjs')] },
      })
    ).body;
    expect((await a.post(`/api/mcp/servers/${server.id}/start`)).status).toBe(200);
    const token = (await a.post<CreateApiTokenResponse>('/api/mcp/api-tokens', { name: 'gw', permissions: ['mcp:call_tools'] })).body.token;

    const answers: string[] = [];
    for (const replica of [a, b]) {
      const client = new Client({ name: 'replicas', version: '1.0.0' }, { versionNegotiation: { mode: 'legacy' } });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${replica.url}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${token}` } },
        }),
      );
      // The fleet directory of the replica that did not start it learns of the server through the event tail.
      await eventually(async () => (await client.listTools()).tools.some((tool) => tool.name === 'across__echo'), 'across__echo listed');
      const result = (await client.callTool({ name: 'across__echo', arguments: { text: `via ${replica.url}` } })) as Text;
      answers.push(result.content?.[0]?.text ?? '');
      await client.close();
    }

    expect(answers).toEqual([`via ${a.url}`, `via ${b.url}`]);
    // Exactly one replica runs the server: the other forwarded its call to it.
    expect((await forwardedCalls(a)) + (await forwardedCalls(b))).toBeGreaterThanOrEqual(1);

    // A session opened on one replica is accepted by the other (signed, not stored).
    const init = await fetch(`${a.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
      }),
    });
    const sessionId = init.headers.get('mcp-session-id') ?? '';
    const onB = await fetch(`${b.url}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': sessionId,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'across__add', arguments: { a: 20, b: 22 } } }),
    });
    const answer = (await onB.json()) as { result?: Text };
    expect([init.status, onB.status, answer.result?.content?.[0]?.text]).toEqual([200, 200, '42']);
  });
});
