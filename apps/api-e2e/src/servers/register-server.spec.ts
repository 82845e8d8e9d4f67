import { useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, McpServer } from '@mcp-fleet/shared/contracts';

describe('POST /api/mcp/servers', () => {
  const api = useApi();

  it('registers a stdio server: 201, Location, defaults applied, stopped', async () => {
    const response = await api.post<McpServer>('/api/mcp/servers', {
      name: 'everything',
      description: 'Reference server',
      transport: 'stdio',
      config: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-everything'], env: { LOG_LEVEL: 'debug' } },
      tags: ['Reference', 'reference', 'demo'],
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/mcp/servers/${response.body.id}`);
    expect(response.body).toMatchObject({
      name: 'everything',
      description: 'Reference server',
      type: 'custom',
      transport: 'stdio',
      status: 'stopped',
      state: 'stopped',
      desiredState: 'stopped',
      enabled: true,
      tags: ['reference', 'demo'],
      version: 1,
      config: {
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-everything'],
        env: { LOG_LEVEL: 'debug' },
        startupTimeoutMs: 60000,
        requestTimeoutMs: 30000,
        killTimeoutMs: 5000,
        retryAttempts: 3,
        healthCheckIntervalMs: 30000,
        maxRestarts: 5,
        healthCheckTimeoutMs: 5000,
        healthFailureThreshold: 3,
      },
      health: { status: 'unknown', reason: null },
    });
    expect(new Date(response.body.createdAt).toISOString()).toBe(response.body.createdAt);
  });

  it('registers a remote server with headers', async () => {
    const response = await api.post<McpServer>('/api/mcp/servers', {
      name: 'remote.search',
      type: 'search',
      transport: 'streamable-http',
      config: { url: 'https://search.example.com/mcp', headers: { 'X-Team': 'search' }, requestTimeoutMs: 5000 },
    });

    expect(response.status).toBe(201);
    expect(response.body.config).toMatchObject({ url: 'https://search.example.com/mcp', requestTimeoutMs: 5000 });
  });

  it('answers 409 SERVER_NAME_TAKEN for a name that exists in another case', async () => {
    const first = await api.post('/api/mcp/servers', { name: 'Memory', transport: 'stdio', config: { command: 'npx' } });
    const second = await api.post<ApiError>('/api/mcp/servers', {
      name: 'MEMORY',
      transport: 'stdio',
      config: { command: 'npx' },
    });

    expect(first.status).toBe(201);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ statusCode: 409, code: 'SERVER_NAME_TAKEN', details: { name: 'MEMORY' } });
    expect(second.body.correlationId).toBe(second.headers.get('x-correlation-id'));
  });

  const invalid: [string, unknown, string][] = [
    ['a stdio server without command', { name: 'a', transport: 'stdio', config: {} }, 'config.command'],
    ['a stdio server with a url', { name: 'a', transport: 'stdio', config: { command: 'x', url: 'https://x.io' } }, 'config.url'],
    ['a remote server without url', { name: 'a', transport: 'sse', config: {} }, 'config.url'],
    ['a remote server with a command', { name: 'a', transport: 'sse', config: { url: 'https://x.io', command: 'x' } }, 'config.command'],
    ['an unknown transport', { name: 'a', transport: 'websocket', config: {} }, 'transport'],
    ['a name with spaces', { name: 'my server', transport: 'stdio', config: { command: 'x' } }, 'name'],
    ['an empty name', { name: '', transport: 'stdio', config: { command: 'x' } }, 'name'],
    ['a 101-character name', { name: 'n'.repeat(101), transport: 'stdio', config: { command: 'x' } }, 'name'],
    ['an unknown top-level field', { name: 'a', transport: 'stdio', config: { command: 'x' }, owner: 'me' }, 'owner'],
    ['an unknown config field', { name: 'a', transport: 'stdio', config: { command: 'x', shell: true } }, 'config.shell'],
    ['args that are not strings', { name: 'a', transport: 'stdio', config: { command: 'x', args: [1] } }, 'config.args'],
    ['an invalid env name', { name: 'a', transport: 'stdio', config: { command: 'x', env: { 'A-B': '1' } } }, 'config.env'],
    ['a non-string env value', { name: 'a', transport: 'stdio', config: { command: 'x', env: { A: 1 } } }, 'config.env'],
    [
      'a header value with a newline',
      { name: 'a', transport: 'sse', config: { url: 'https://x.io', headers: { X: 'a\r\nb' } } },
      'config.headers',
    ],
    ['a relative cwd', { name: 'a', transport: 'stdio', config: { command: 'x', cwd: 'tmp' } }, 'config.cwd'],
    ['a timeout out of range', { name: 'a', transport: 'stdio', config: { command: 'x', killTimeoutMs: 5 } }, 'config.killTimeoutMs'],
    ['a fractional retry count', { name: 'a', transport: 'stdio', config: { command: 'x', retryAttempts: 1.5 } }, 'config.retryAttempts'],
    [
      'too many tags',
      { name: 'a', transport: 'stdio', config: { command: 'x' }, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      'tags',
    ],
    ['a tag with spaces', { name: 'a', transport: 'stdio', config: { command: 'x' }, tags: ['two words'] }, 'tags'],
    ['config that is not an object', { name: 'a', transport: 'stdio', config: 'npx' }, 'config'],
    ['a body that is an array', [{ name: 'a' }], 'name'],
  ];

  it.each(invalid)('answers 400 VALIDATION_FAILED for %s, naming the field, and stores nothing', async (_, body, field) => {
    const response = await api.post<ApiError>('/api/mcp/servers', body);
    const list = await api.get<{ items: McpServer[] }>('/api/mcp/servers?search=a&pageSize=100');

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect((response.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
    expect(list.body.items.filter((s) => s.name === 'a')).toEqual([]);
  });

  it('answers 400 INVALID_JSON for a malformed body', async () => {
    const response = await api.post<ApiError>('/api/mcp/servers', '{"name": "broken"');

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_JSON');
  });

  it('answers 400 INVALID_JSON for prototype-poisoning payloads', async () => {
    const response = await api.post<ApiError>(
      '/api/mcp/servers',
      '{"name":"p","transport":"stdio","config":{"command":"x"},"__proto__":{"admin":true}}',
    );

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_JSON');
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for a non-JSON body', async () => {
    const response = await api.post<ApiError>('/api/mcp/servers', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });

    expect(response.status).toBe(415);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a body over the limit', async () => {
    const huge = { name: 'big', transport: 'stdio', config: { command: 'x', args: ['y'.repeat(2 * 1024 * 1024)] } };

    const response = await api.post<ApiError>('/api/mcp/servers', huge);

    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
