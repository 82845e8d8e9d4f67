import { useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, AuditPage, FieldError, McpServer, Page, RegistryImportResponse, ServerRevision } from '@mcp-fleet/shared/contracts';

/*
 * The documents are the MCP Registry's own examples of server.json (schema 2025-12-11, from
 * docs/reference/server-json/generic-server-json.md in modelcontextprotocol/registry), with
 * their `_meta` and `repository` blocks, which an import does not read.
 */
const SCHEMA = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';

const FILESYSTEM = {
  $schema: SCHEMA,
  name: 'io.github.modelcontextprotocol/filesystem',
  description: 'Node.js server implementing Model Context Protocol (MCP) for filesystem operations.',
  title: 'Filesystem',
  repository: { url: 'https://github.com/modelcontextprotocol/servers', source: 'github', id: 'b94b5f7e-c7c6-d760-2c78-a5e9b8a5b8c9' },
  version: '1.0.2',
  packages: [
    {
      registryType: 'npm',
      registryBaseUrl: 'https://registry.npmjs.org',
      identifier: '@modelcontextprotocol/server-filesystem',
      version: '1.0.2',
      transport: { type: 'stdio' },
      packageArguments: [
        {
          type: 'positional',
          valueHint: 'target_dir',
          description: 'Path to access',
          default: '/Users/username/Desktop',
          isRequired: true,
          isRepeated: true,
        },
      ],
      environmentVariables: [{ name: 'LOG_LEVEL', description: 'Logging level (debug, info, warn, error)', default: 'info' }],
    },
    {
      registryType: 'oci',
      identifier: 'docker.io/mcp/filesystem:1.0.2',
      transport: { type: 'stdio' },
      runtimeArguments: [
        {
          type: 'named',
          description: 'Mount a volume into the container',
          name: '--mount',
          value: 'type=bind,src={source_path},dst={target_path}',
          isRequired: true,
          isRepeated: true,
          variables: {
            source_path: { description: 'Source path on host', format: 'filepath', isRequired: true },
            target_path: {
              description: 'Path to mount in the container. It should be rooted in `/project` directory.',
              isRequired: true,
              default: '/project',
            },
          },
        },
      ],
      packageArguments: [{ type: 'positional', valueHint: 'target_dir', value: '/project' }],
      environmentVariables: [{ name: 'LOG_LEVEL', description: 'Logging level (debug, info, warn, error)', default: 'info' }],
    },
  ],
  _meta: { 'io.modelcontextprotocol.registry/publisher-provided': { tool: 'ci-publisher', version: '3.2.1' } },
};

const WEATHER_PYPI = {
  $schema: SCHEMA,
  name: 'io.github.example/weather-mcp',
  description: 'Python MCP server for weather data access',
  title: 'Weather',
  repository: { url: 'https://github.com/example/weather-mcp', source: 'github', id: 'def456gh-ijkl-7890-mnop-qrstuvwxyz12' },
  version: '0.5.0',
  packages: [
    {
      registryType: 'pypi',
      registryBaseUrl: 'https://pypi.org',
      identifier: 'weather-mcp-server',
      version: '0.5.0',
      runtimeHint: 'uvx',
      transport: { type: 'stdio' },
      environmentVariables: [
        { name: 'WEATHER_API_KEY', description: 'API key for weather service', isRequired: true, isSecret: true },
        { name: 'WEATHER_UNITS', description: 'Temperature units (celsius, fahrenheit)', default: 'celsius' },
      ],
    },
  ],
};

const REMOTE_FS = {
  $schema: SCHEMA,
  name: 'io.modelcontextprotocol.anonymous/mcp-fs',
  description: 'Cloud-hosted MCP filesystem server',
  repository: { url: 'https://github.com/example/remote-fs', source: 'github', id: 'xyz789ab-cdef-0123-4567-890ghijklmno' },
  version: '2.0.0',
  remotes: [{ type: 'streamable-http', url: 'https://mcp-fs.anonymous.modelcontextprotocol.io/http' }],
};

const HYBRID = {
  $schema: SCHEMA,
  name: 'io.modelcontextprotocol.anonymous/hybrid-mcp',
  description: 'MCP server available as both local package and remote service',
  title: 'Hybrid',
  version: '1.5.0',
  packages: [
    {
      registryType: 'npm',
      registryBaseUrl: 'https://registry.npmjs.org',
      identifier: '@example/hybrid-mcp-server',
      version: '1.5.0',
      runtimeHint: 'npx',
      transport: { type: 'stdio' },
      packageArguments: [
        { type: 'named', name: '--mode', description: 'Operation mode', default: 'local', choices: ['local', 'cached', 'proxy'] },
      ],
    },
  ],
  remotes: [
    {
      type: 'streamable-http',
      url: 'https://mcp.anonymous.modelcontextprotocol.io/http',
      headers: [
        { name: 'X-API-Key', description: 'API key for authentication', isRequired: true, isSecret: true },
        { name: 'X-Region', description: 'Service region', default: 'us-east-1', choices: ['us-east-1', 'eu-west-1', 'ap-southeast-1'] },
      ],
    },
    { type: 'sse', url: 'https://mcp.anonymous.modelcontextprotocol.io/sse' },
  ],
};

const CARGO_ONLY = {
  $schema: SCHEMA,
  name: 'io.github.example/widget-mcp',
  description: 'Rust-native MCP server',
  version: '0.3.0',
  packages: [
    {
      registryType: 'cargo',
      registryBaseUrl: 'https://crates.io',
      identifier: 'widget-mcp',
      version: '0.3.0',
      transport: { type: 'stdio' },
    },
  ],
};

const IMPORT = '/api/mcp/servers/import/registry';

describe('POST /api/mcp/servers/import/registry', () => {
  const api = useApi();
  const serverCount = async () => (await api.get<Page<McpServer>>('/api/mcp/servers')).body.total;
  const refusedAt = (body: ApiError) => (body.details as FieldError[]).map((detail) => detail.field);

  it('registers an npm package as `npx -y <package>@<version>` with its arguments and variables', async () => {
    const response = await api.post<RegistryImportResponse>(IMPORT, FILESYSTEM);
    const server = response.body.server as McpServer;
    const revisions = await api.get<Page<ServerRevision>>(`/api/mcp/servers/${server.id}/revisions`);
    const audit = await api.get<AuditPage>('/api/mcp/audit?action=server.register');

    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/mcp/servers/${server.id}`);
    expect(server).toMatchObject({
      name: 'io.github.modelcontextprotocol-filesystem',
      description: 'Node.js server implementing Model Context Protocol (MCP) for filesystem operations.',
      transport: 'stdio',
      enabled: true,
      status: 'stopped',
      tags: ['registry', 'version:1.0.2'],
    });
    expect([server.config.command, server.config.args, server.config.env]).toEqual([
      'npx',
      ['-y', '@modelcontextprotocol/server-filesystem@1.0.2', '/Users/username/Desktop'],
      { LOG_LEVEL: 'info' },
    ]);
    expect(response.body.source).toEqual({
      kind: 'package',
      index: 0,
      registryType: 'npm',
      identifier: '@modelcontextprotocol/server-filesystem',
      version: '1.0.2',
    });
    expect(response.body.toFill).toEqual([]);
    expect(revisions.body.items.map((r) => [r.revision, r.action])).toEqual([[1, 'create']]);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'server.register',
        result: 'success',
        target: { type: 'server', id: server.id, name: server.name },
      }),
    );
  });

  it('previews an OCI package (`docker run -i --rm`) without writing anything', async () => {
    const before = await serverCount();
    const response = await api.post<RegistryImportResponse>(`${IMPORT}/preview?package=1&name=fs-docker`, FILESYSTEM);

    expect(response.status).toBe(200);
    expect(response.body.server).toBeNull();
    expect(response.body.registration).toMatchObject({
      name: 'fs-docker',
      transport: 'stdio',
      enabled: false,
      config: {
        command: 'docker',
        args: ['run', '-i', '--rm', '-e', 'LOG_LEVEL', 'docker.io/mcp/filesystem:1.0.2', '/project'],
        env: { LOG_LEVEL: 'info' },
      },
    });
    expect(response.body.toFill).toEqual([
      {
        field: 'config.args',
        name: 'source_path',
        path: 'packages[1].runtimeArguments[0].variables.source_path',
        required: true,
        secret: false,
        description: 'Source path on host',
      },
    ]);
    expect(await serverCount()).toBe(before);
  });

  it('registers a PyPI package as `uvx <package>==<version>`, disabled until its secret is filled in', async () => {
    const response = await api.post<RegistryImportResponse>(IMPORT, WEATHER_PYPI);
    const server = response.body.server as McpServer;

    expect(response.status).toBe(201);
    expect(server).toMatchObject({ name: 'io.github.example-weather-mcp', enabled: false, tags: ['registry', 'version:0.5.0'] });
    expect([server.config.command, server.config.args, server.config.env]).toEqual([
      'uvx',
      ['weather-mcp-server==0.5.0'],
      { WEATHER_UNITS: 'celsius' },
    ]);
    expect(response.body.toFill).toEqual([
      {
        field: 'config.env.WEATHER_API_KEY',
        name: 'WEATHER_API_KEY',
        path: 'packages[0].environmentVariables[0]',
        required: true,
        secret: true,
        description: 'API key for weather service',
      },
    ]);

    const filled = await api.patch<McpServer>(`/api/mcp/servers/${server.id}`, {
      version: server.version,
      enabled: true,
      config: { env: { WEATHER_UNITS: 'celsius', WEATHER_API_KEY: { secret: true, value: 'wk-live-123456' } } },
    });
    expect(filled.status).toBe(200);
    expect(filled.body).toMatchObject({ enabled: true, config: { env: { WEATHER_UNITS: 'celsius', WEATHER_API_KEY: { secret: true } } } });
  });

  it('registers a remote with its URL, and its secret header as one to fill in', async () => {
    const plain = await api.post<RegistryImportResponse>(IMPORT, REMOTE_FS);
    const hybrid = await api.post<RegistryImportResponse>(`${IMPORT}?remote=0`, HYBRID);
    const sse = await api.post<RegistryImportResponse>(`${IMPORT}/preview?remote=1`, HYBRID);

    expect(plain.status).toBe(201);
    expect(plain.body.server).toMatchObject({
      name: 'io.modelcontextprotocol.anonymous-mcp-fs',
      transport: 'streamable-http',
      enabled: true,
      config: { url: 'https://mcp-fs.anonymous.modelcontextprotocol.io/http' },
    });
    expect(hybrid.status).toBe(201);
    expect(hybrid.body.server).toMatchObject({
      name: 'io.modelcontextprotocol.anonymous-hybrid-mcp',
      transport: 'streamable-http',
      enabled: false,
      config: { url: 'https://mcp.anonymous.modelcontextprotocol.io/http', headers: { 'X-Region': 'us-east-1' } },
    });
    expect(hybrid.body.toFill).toEqual([
      {
        field: 'config.headers.X-API-Key',
        name: 'X-API-Key',
        path: 'remotes[0].headers[0]',
        required: true,
        secret: true,
        description: 'API key for authentication',
      },
    ]);
    expect(sse.body.registration).toMatchObject({
      transport: 'sse',
      enabled: true,
      config: { url: 'https://mcp.anonymous.modelcontextprotocol.io/sse' },
    });
  });

  it('keeps a secret the document gives a value for, stored sealed and shown masked', async () => {
    const document = structuredClone(HYBRID);
    document.name = 'io.modelcontextprotocol.anonymous/hybrid-keyed';
    Object.assign(document.remotes[0].headers?.[0] ?? {}, { value: 'Bearer {token}', variables: { token: { default: 'demo-token-42' } } });
    const response = await api.post<RegistryImportResponse>(`${IMPORT}?remote=0`, document);
    const rows = await api.sql<{ config: string }>('SELECT config::text AS config FROM mcp_servers');

    expect(response.status).toBe(201);
    expect(response.body.server?.config.headers).toEqual({ 'X-API-Key': { secret: true }, 'X-Region': 'us-east-1' });
    expect(response.body.registration.config.headers).toEqual({ 'X-API-Key': { secret: true }, 'X-Region': 'us-east-1' });
    expect(response.body.toFill).toEqual([]);
    expect(JSON.stringify(response.body)).not.toContain('demo-token-42');
    expect(rows.map((row) => row.config).join('\n')).not.toContain('demo-token-42');
  });

  it.each([
    ['a package type it cannot run (cargo)', CARGO_ONLY, '', 'packages[0].registryType'],
    ['no version', { ...REMOTE_FS, version: undefined }, '', 'version'],
    ['a name outside the registry rules', { ...REMOTE_FS, name: 'no-slash' }, '', 'name'],
    ['a package index the document does not have', FILESYSTEM, '?package=3', 'packages[3]'],
    ['a remote of an unknown type', { ...REMOTE_FS, remotes: [{ type: 'websocket', url: 'wss://x.example.com' }] }, '', 'remotes[0].type'],
    [
      'a positional argument with neither value nor valueHint',
      { ...WEATHER_PYPI, packages: [{ ...WEATHER_PYPI.packages[0], packageArguments: [{ type: 'positional', description: 'x' }] }] },
      '',
      'packages[0].packageArguments[0].value',
    ],
    ['a version range', { ...WEATHER_PYPI, packages: [{ ...WEATHER_PYPI.packages[0], version: '>=0.5' }] }, '', 'packages[0].version'],
    ['nothing to import', { name: 'io.github.example/empty', description: 'd', version: '1.0.0' }, '', 'packages'],
    ['not a document at all', [FILESYSTEM], '', '$'],
  ])('refuses %s: 400 VALIDATION_FAILED naming the path, nothing written', async (_case, document, query, path) => {
    const before = await serverCount();
    const response = await api.post<ApiError>(`${IMPORT}${query}`, document);

    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(refusedAt(response.body)).toEqual([path]);
    expect(await serverCount()).toBe(before);
  });

  it('applies the launch policy of any registration (SECURITY.md)', async () => {
    const preload = {
      ...WEATHER_PYPI,
      name: 'io.github.example/preload',
      packages: [{ ...WEATHER_PYPI.packages[0], environmentVariables: [{ name: 'LD_PRELOAD', default: '/tmp/evil.so' }] }],
    };
    const metadata = {
      ...REMOTE_FS,
      name: 'io.github.example/metadata',
      remotes: [{ type: 'sse', url: 'http://169.254.169.254/latest/meta-data/' }],
    };
    const before = await serverCount();

    const env = await api.post<ApiError>(IMPORT, preload);
    const url = await api.post<ApiError>(`${IMPORT}/preview`, metadata);

    expect([env.status, env.body.code]).toEqual([400, 'STDIO_NOT_ALLOWED']);
    expect([url.status, url.body.code]).toEqual([400, 'URL_NOT_ALLOWED']);
    expect(await serverCount()).toBe(before);
  });

  it('refuses a name already taken (409), and takes another one from ?name=', async () => {
    const again = await api.post<ApiError>(IMPORT, FILESYSTEM);
    const renamed = await api.post<RegistryImportResponse>(`${IMPORT}?name=filesystem-2`, FILESYSTEM);

    expect([again.status, again.body.code]).toEqual([409, 'SERVER_NAME_TAKEN']);
    expect([renamed.status, renamed.body.server?.name]).toEqual([201, 'filesystem-2']);
  });

  it('needs the permission to register servers', async () => {
    await api.post('/api/mcp/users', { email: 'import-viewer@example.com', role: 'viewer', password: 'viewer-password-12' });
    const viewer = api.as(await api.login('import-viewer@example.com', 'viewer-password-12'));

    const response = await viewer.post<ApiError>(IMPORT, REMOTE_FS);

    expect([response.status, response.body.code]).toEqual([403, 'FORBIDDEN']);
  });
});
