import { type HttpResult, useApi } from '@mcp-fleet/api/shared/testing';
import type { McpServer } from '@mcp-fleet/shared/contracts';

const ENV_SECRET = 'sk-live-SECRET-0f9e8d7c6b5a';
const HEADER_SECRET = 'Bearer HEADER-SECRET-1a2b3c4d';
const REPLACED_SECRET = 'sk-live-REPLACED-99887766';

describe('secret env values and headers', () => {
  const api = useApi();
  const seen: string[] = [];
  const record = <T>(response: HttpResult<T>) => {
    const headers: string[] = [];
    response.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
    seen.push(JSON.stringify(response.body), ...headers);
    return response;
  };

  let stdio: McpServer;
  let remote: McpServer;

  beforeAll(async () => {
    stdio = record(
      await api.post<McpServer>('/api/mcp/servers', {
        name: 'with-secret-env',
        transport: 'stdio',
        config: { command: 'npx', env: { LOG_LEVEL: 'debug', API_KEY: { secret: true, value: ENV_SECRET } } },
      }),
    ).body;
    remote = record(
      await api.post<McpServer>('/api/mcp/servers', {
        name: 'with-secret-header',
        transport: 'streamable-http',
        config: { url: 'https://mcp.example.com/mcp', headers: { 'X-Team': 'a', Authorization: { secret: true, value: HEADER_SECRET } } },
      }),
    ).body;
  });

  it('returns secrets masked and plain values as they are', () => {
    expect(stdio.config.env).toEqual({ LOG_LEVEL: 'debug', API_KEY: { secret: true } });
    expect(remote.config.headers).toEqual({ 'X-Team': 'a', Authorization: { secret: true } });
  });

  it('stores them encrypted, not in clear text', async () => {
    const rows = await api.sql<{ config: string }>('SELECT config::text AS config FROM mcp_servers');
    const stored = rows.map((r) => r.config).join('\n');

    expect(stored).not.toContain(ENV_SECRET);
    expect(stored).not.toContain(HEADER_SECRET);
    expect(stored).toMatch(/"sealed": "v1\./);
  });

  it('keeps a secret through an edit that sends { secret: true }, and replaces it when a value is sent', async () => {
    const kept = record(
      await api.patch<McpServer>(`/api/mcp/servers/${stdio.id}`, {
        version: 1,
        description: 'edited',
        config: { env: { LOG_LEVEL: 'info', API_KEY: { secret: true } } },
      }),
    );
    const replaced = record(
      await api.patch<McpServer>(`/api/mcp/servers/${stdio.id}`, {
        version: 2,
        config: { env: { LOG_LEVEL: 'info', API_KEY: { secret: true, value: REPLACED_SECRET } } },
      }),
    );
    const [row] = await api.sql<{ config: string }>('SELECT config::text AS config FROM mcp_servers WHERE id = $1', [stdio.id]);

    expect(kept.status).toBe(200);
    expect(kept.body.config.env).toEqual({ LOG_LEVEL: 'info', API_KEY: { secret: true } });
    expect(replaced.status).toBe(200);
    expect(row.config).not.toContain(REPLACED_SECRET);
  });

  it('refuses to keep a secret that does not exist', async () => {
    const response = record(
      await api.patch<{ code: string }>(`/api/mcp/servers/${remote.id}`, {
        version: 1,
        config: { headers: { Missing: { secret: true } } },
      }),
    );

    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('never lets a secret out: every response and every log line so far', async () => {
    record(await api.get(`/api/mcp/servers/${stdio.id}`));
    record(await api.get(`/api/mcp/servers/${remote.id}`));
    record(await api.get('/api/mcp/servers?pageSize=100'));
    record(
      await api.post('/api/mcp/servers', {
        name: 'bad',
        transport: 'stdio',
        config: { command: 'npx', env: { 'BAD-NAME': { secret: true, value: ENV_SECRET } } },
      }),
    );
    record(await api.get('/api/docs-json'));
    const everything = [...seen, api.output()].join('\n');

    for (const secret of [ENV_SECRET, HEADER_SECRET, REPLACED_SECRET]) {
      expect(everything).not.toContain(secret);
    }
    expect(seen.join('\n')).not.toContain('"sealed"');
  });
});
