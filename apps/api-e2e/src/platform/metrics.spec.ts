import { useApi } from '@mcp-fleet/api/shared/testing';
import type { CreateApiTokenResponse, McpServer } from '@mcp-fleet/shared/contracts';

import { command, commandOk, registerFixture, serverEvents, startedPid, usePidJanitor } from '../support/mcp-runtime';

/** The value of one series in a Prometheus text exposition, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const matches = Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`));
    if (matches) {
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return undefined;
}

describe('GET /metrics (Prometheus)', () => {
  const api = useApi();
  const janitor = usePidJanitor();
  let scraper: ReturnType<typeof api.as>;
  let server: McpServer;
  let broken: McpServer;

  beforeAll(async () => {
    const created = await api.post<CreateApiTokenResponse>('/api/mcp/api-tokens', { name: 'prometheus', permissions: ['mcp:view_events'] });
    scraper = api.as(created.body.token);
    server = await registerFixture(api, 'metered', 'v2-server.mjs', [], {});
    broken = await registerFixture(api, 'metered-broken', 'exit-immediately.mjs', ['4'], { retryAttempts: 0 });
  });

  const scrape = async () => {
    const response = await scraper.get<string>('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.body;
  };

  it('is refused without a credential, and open to a token holding only mcp:view_events', async () => {
    expect((await api.anonymous.get('/metrics')).status).toBe(401);
    const text = await scrape();
    for (const name of [
      'mcp_events_total',
      'mcp_active_connections',
      'mcp_server_health_status',
      'mcp_server_state',
      'http_request_duration_seconds_bucket',
      'process_cpu_user_seconds_total',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(text).toContain(`\n${name}`);
    }
  });

  it('moves when a server starts, fails and stops', async () => {
    const before = await scrape();
    await commandOk(api, server.id, 'start');
    janitor.track(...(await serverEvents(api, server.id, 'server.started')).map(startedPid));
    await command(api, broken.id, 'start');
    const running = await scrape();
    await commandOk(api, server.id, 'stop');
    const after = await scrape();

    const starts = (text: string, status: string) => sample(text, 'mcp_server_operations_total', { operation: 'start', status }) ?? 0;
    expect(starts(running, 'success')).toBe(starts(before, 'success') + 1);
    expect(starts(running, 'failure')).toBe(starts(before, 'failure') + 1);
    expect(sample(running, 'mcp_server_health_status', { server_name: 'metered' })).toBe(1);
    expect(sample(running, 'mcp_server_state', { server_name: 'metered', state: 'running' })).toBe(1);
    expect(sample(running, 'mcp_server_state', { server_name: 'metered-broken', state: 'error' })).toBe(1);
    expect(sample(after, 'mcp_server_state', { server_name: 'metered', state: 'stopped' })).toBe(1);
    expect(sample(after, 'mcp_server_operations_total', { operation: 'stop', status: 'success' })).toBe(1);
    expect(sample(after, 'mcp_events_total', { event_type: 'server.started', category: 'command' })).toBe(1);
    expect(sample(after, 'mcp_server_operation_duration_seconds_count', { operation: 'start' })).toBeGreaterThanOrEqual(2);
  });

  it('has a probe latency histogram per server once probes ran', async () => {
    await commandOk(api, server.id, 'start');
    janitor.track(...(await serverEvents(api, server.id, 'server.started')).map(startedPid));
    await api.post(`/api/mcp/servers/${server.id}/health-check`);
    const text = await scrape();
    await commandOk(api, server.id, 'stop');

    expect(sample(text, 'mcp_server_probe_duration_seconds_count', { server_name: 'metered', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
  });

  it('labels HTTP durations by route pattern, never by id', async () => {
    await api.get(`/api/mcp/servers/${server.id}`);
    const text = await scrape();

    expect(text).toContain('route="/api/mcp/servers/:id"');
    expect(text).not.toContain(server.id);
  });
});
