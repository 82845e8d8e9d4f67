import { eventually, useApi } from '@mcp-fleet/api/shared/testing';
import {
  type ApiError,
  type AuditPage,
  type CatalogList,
  type CatalogResourceTemplate,
  type CompleteResponse,
  type CreateApiTokenResponse,
  type GetPromptResponse,
  MCP_LOG_LEVELS,
  type McpServer,
  type ReadResourceResponse,
  RESOURCE_READ_LIMITS,
  type ServerLogPage,
} from '@mcp-fleet/shared/contracts';

import { registerStdio, SERVER_EVERYTHING, startOk } from '../support/mcp-runtime';

const read = (uri: string) => `resources/read?uri=${encodeURIComponent(uri)}`;

describe('resources, prompts, completion and MCP logs of a running server (server-everything over stdio)', () => {
  const api = useApi();
  let server: McpServer;
  const path = (rest: string) => `/api/mcp/servers/${server.id}/${rest}`;

  beforeAll(async () => {
    server = await registerStdio(api, 'everything-features', [SERVER_EVERYTHING, 'stdio']);
    await startOk(api, server.id);
  });

  it('lists its static resources and its two templates: 9 resource entries', async () => {
    const resources = await api.get<CatalogList<Record<string, unknown>>>(path('resources'));
    const templates = await api.get<CatalogList<CatalogResourceTemplate>>(path('resource-templates'));

    expect(templates.status).toBe(200);
    expect(templates.body.items.map((t) => t.uriTemplate).sort()).toEqual([
      'demo://resource/dynamic/blob/{resourceId}',
      'demo://resource/dynamic/text/{resourceId}',
    ]);
    expect(templates.body).toMatchObject({ serverId: server.id, protocolVersion: resources.body.protocolVersion });
    expect(resources.body.items.every((r) => String(r['uri']).startsWith('demo://resource/static/document/'))).toBe(true);
    expect(resources.body.items.length + templates.body.items.length).toBe(9);
  });

  it('reads a text resource, with its size in bytes', async () => {
    const uri = 'demo://resource/static/document/features.md';
    const response = await api.get<ReadResourceResponse>(path(read(uri)));

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ serverId: server.id, uri });
    const [content] = response.body.contents;
    expect(content).toMatchObject({ uri, mimeType: 'text/markdown' });
    expect(content.text?.length).toBeGreaterThan(100);
    expect(content.size).toBe(Buffer.byteLength(content.text ?? '', 'utf8'));
  });

  it('reads a binary resource as a base64 blob, sized in decoded bytes', async () => {
    const uri = 'demo://resource/dynamic/blob/7';
    const response = await api.get<ReadResourceResponse>(path(read(uri)));

    expect(response.status).toBe(200);
    const [content] = response.body.contents;
    expect(content.text).toBeUndefined();
    const bytes = Buffer.from(content.blob ?? '', 'base64');
    expect(bytes.toString('utf8')).toMatch(/^Resource 7: This is a base64 blob/);
    expect(content.size).toBe(bytes.length);
  });

  it('refuses a missing or too long uri with 400 VALIDATION_FAILED, before asking the server', async () => {
    const long = await api.get<ApiError>(path(read(`demo://${'x'.repeat(RESOURCE_READ_LIMITS.uriMaxLength)}`)));
    const missing = await api.get<ApiError>(path('resources/read'));

    expect([long.status, long.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect([missing.status, missing.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('answers 404 RESOURCE_NOT_FOUND for a resource the server does not have', async () => {
    const response = await api.get<ApiError>(path(read('demo://resource/static/document/no-such-file.md')));

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      code: 'RESOURCE_NOT_FOUND',
      details: { uri: 'demo://resource/static/document/no-such-file.md' },
    });
  });

  it('gets a prompt with its arguments filled in', async () => {
    const response = await api.post<GetPromptResponse>(path('prompts/args-prompt/get'), { arguments: { city: 'Lisbon', state: 'Lisboa' } });

    expect(response.status).toBe(200);
    expect(response.body.result.messages).toEqual([{ role: 'user', content: { type: 'text', text: "What's weather in Lisbon, Lisboa?" } }]);
  });

  it('refuses arguments that are not strings (400), an unknown prompt (404) and refused arguments (400)', async () => {
    const notStrings = await api.post<ApiError>(path('prompts/args-prompt/get'), { arguments: { city: 42 } });
    const unknown = await api.post<ApiError>(path('prompts/no-such-prompt/get'), { arguments: {} });
    const refused = await api.post<ApiError>(path('prompts/args-prompt/get'), { arguments: { state: 'only the optional one' } });

    expect([notStrings.status, notStrings.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'PROMPT_NOT_FOUND']);
    expect([refused.status, refused.body.code]).toEqual([400, 'MCP_INVALID_PARAMS']);
  });

  it('completes a prompt argument, using the arguments already chosen', async () => {
    const department = await api.post<CompleteResponse>(path('complete'), {
      ref: { type: 'ref/prompt', name: 'completable-prompt' },
      argument: { name: 'department', value: 'S' },
    });
    const name = await api.post<CompleteResponse>(path('complete'), {
      ref: { type: 'ref/prompt', name: 'completable-prompt' },
      argument: { name: 'name', value: '' },
      context: { arguments: { department: 'Engineering' } },
    });

    expect(department.status).toBe(200);
    expect(department.body.completion.values).toEqual(['Sales', 'Support']);
    expect(name.body.completion.values).toEqual(['Alice', 'Bob', 'Charlie']);
  });

  it('refuses a completion ref that is neither a prompt nor a resource', async () => {
    const response = await api.post<ApiError>(path('complete'), {
      ref: { type: 'ref/tool', name: 'echo' },
      argument: { name: 'a', value: '' },
    });

    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('audits resource reads and prompt gets with what was read, never contents or argument values', async () => {
    const audit = await eventually(async () => {
      const page = await api.get<AuditPage>('/api/mcp/audit?limit=200');
      const actions = new Set(page.body.items.map((entry) => entry.action));
      const promptGet = page.body.items.some((entry) => entry.action === 'server.prompt_get' && entry.target?.name === 'args-prompt');
      return actions.has('server.resource_read') && promptGet ? page.body.items : undefined;
    }, 'the batched audit rows');

    const reads = audit.filter((entry) => entry.action === 'server.resource_read');
    expect(reads.map((entry) => [entry.target?.name, entry.result]).sort()).toEqual(
      [
        ['demo://resource/dynamic/blob/7', 'success'],
        ['demo://resource/static/document/features.md', 'success'],
        ['demo://resource/static/document/no-such-file.md', 'failure'],
      ].sort(),
    );
    // Rows of one batch share their time: the prompt get of this test is found by its name, not its place.
    expect(audit.find((entry) => entry.action === 'server.prompt_get' && entry.target?.name === 'args-prompt')?.target).toEqual({
      type: 'server',
      id: server.id,
      name: 'args-prompt',
    });
    expect(JSON.stringify(audit)).not.toContain('Lisbon');
  });

  it('keeps the MCP log messages of the server in its log, with stream and level', async () => {
    // server-everything logs once at once, then every 5 s, after this tool turns its logging on.
    const toggle = await api.post(path('tools/toggle-simulated-logging/call'), { arguments: {} });
    expect(toggle.status).toBe(200);

    const line = await eventually(
      async () => {
        const page = await api.get<ServerLogPage>(path('logs?limit=1000'));
        return page.body.items.find((item) => item.stream === 'mcp');
      },
      'an MCP log line',
      { timeoutMs: 15_000 },
    );

    expect(line.line).toMatch(/-level message|level-message/);
    expect(MCP_LOG_LEVELS).toContain(line.level);
    const stderr = (await api.get<ServerLogPage>(path('logs?limit=1000'))).body.items.filter((item) => item.stream === 'stderr');
    expect(stderr.every((item) => item.level === null)).toBe(true);
  });

  it('reaches only the servers a token is limited to', async () => {
    const other = await registerStdio(api, 'everything-features-other', [SERVER_EVERYTHING, 'stdio']);
    const token = (
      await api.post<CreateApiTokenResponse>('/api/mcp/api-tokens', {
        name: 'other only',
        permissions: ['mcp:view_servers', 'mcp:manage_servers'],
        serverIds: [other.id],
      })
    ).body.token;

    const response = await api.as(token).get<ApiError>(path(read('demo://resource/static/document/features.md')));
    const templates = await api.as(token).get<ApiError>(path('resource-templates'));

    expect([response.status, response.body.code]).toEqual([404, 'SERVER_NOT_FOUND']);
    expect([templates.status, templates.body.code]).toEqual([404, 'SERVER_NOT_FOUND']);
  });
});
