import { ADMIN, eventually } from '@mcp-fleet/api/shared/testing';
import type { ApiInstanceInfo, McpServer, ServerLogPage } from '@mcp-fleet/shared/contracts';

import { fixture } from '../support/mcp-runtime';
import { addressesKnown, type ApiInstance, useRestartableApi } from '../support/restartable-api';

/**
 * A tool call reaching a replica that does not run the server is forwarded to the one that
 * does, and keeps what a call on the owner has: its progress streams back to the caller, and
 * a caller that hangs up cancels it on the server.
 */
describe('tool calls forwarded to the replica that runs the server', () => {
  const fleet = useRestartableApi();
  let owner: ApiInstance;
  let other: ApiInstance;
  let server: McpServer;

  beforeAll(async () => {
    const [a, b] = [await fleet.boot(), await fleet.boot()];
    await addressesKnown([a, b]);
    server = (
      await a.post<McpServer>('/api/mcp/servers', {
        name: 'forwarded-tasks',
        transport: 'stdio',
        config: { command: process.execPath, args: [fixture('task-server.mjs')] },
      })
    ).body;
    expect((await a.post(`/api/mcp/servers/${server.id}/start`)).status).toBe(200);
    const [lease] = await fleet.sql<{ owner: string }>(`SELECT owner FROM server_leases WHERE server_id = $1`, [server.id]);
    const self = (await a.get<ApiInstanceInfo[]>('/api/mcp/instances')).body.find((instance) => instance.self);
    [owner, other] = lease?.owner === self?.instanceId ? [a, b] : [b, a];
  }, 120_000);

  const callOnOther = async (steps: number, init: RequestInit = {}) => {
    const token = (await other.post<{ accessToken: string }>('/api/auth/login', ADMIN)).body.accessToken;
    return fetch(`${other.url}/api/mcp/servers/${server.id}/tools/report/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
      body: JSON.stringify({ arguments: { steps } }),
      signal: init.signal,
    });
  };

  it('runs on the owner, not on the replica the caller reached', async () => {
    const self = (await other.get<ApiInstanceInfo[]>('/api/mcp/instances')).body.find((instance) => instance.self);
    const [lease] = await fleet.sql<{ owner: string }>(`SELECT owner FROM server_leases WHERE server_id = $1`, [server.id]);

    expect(lease?.owner).toBeDefined();
    expect(lease?.owner).not.toBe(self?.instanceId);
  });

  it("streams the owner's progress back to the caller, then the result", async () => {
    const response = await callOnOther(3, { headers: { accept: 'text/event-stream' } });
    const events = (await response.text())
      .split('\n\n')
      .filter(Boolean)
      .map((chunk) => {
        const [event, data] = chunk.split('\n').map((line) => line.slice(line.indexOf(':') + 2));
        return { event, data: JSON.parse(data) as Record<string, unknown> };
      });

    expect(events.filter((e) => e.event === 'progress').map((e) => e.data['message'])).toEqual(['2 step(s) to go', '1 step(s) to go']);
    expect(events.at(-1)?.event).toBe('result');
    expect(JSON.stringify(events.at(-1)?.data)).toContain('report ready after 3 step(s)');
  });

  it('answers a forwarded call without a stream as before', async () => {
    const response = await callOnOther(2);

    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain('report ready after 2 step(s)');
  });

  it('cancels the call on the server when the caller hangs up', async () => {
    const caller = new AbortController();
    const pending = callOnOther(10_000, { signal: caller.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    caller.abort();
    await pending;

    await eventually(
      async () => {
        const page = await owner.get<ServerLogPage>(`/api/mcp/servers/${server.id}/logs?limit=200`);
        return page.body.items.some((line) => /task-\d+ cancelled/.test(line.line)) ? true : undefined;
      },
      'the server logged the cancellation of its task',
      { timeoutMs: 15_000, intervalMs: 250 },
    );
  });
});
