import { checkTransportRules, mergeConfigPatch, withDefaults } from './server-config.rules';

describe('checkTransportRules', () => {
  it('accepts a stdio server with a command', () => {
    expect(checkTransportRules('stdio', { command: 'npx', args: ['-y', 'pkg'] })).toEqual([]);
  });

  it('requires a command and refuses a url for stdio', () => {
    expect(checkTransportRules('stdio', { url: 'https://x.example' })).toEqual([
      { field: 'config.command', messages: ['command is required for the stdio transport'] },
      { field: 'config.url', messages: ['url is not allowed for the stdio transport'] },
    ]);
  });

  it('requires an absolute cwd', () => {
    expect(checkTransportRules('stdio', { command: 'node', cwd: 'relative/dir' })).toEqual([
      { field: 'config.cwd', messages: ['cwd must be an absolute path'] },
    ]);
  });

  it('requires a url and refuses stdio fields for remote transports', () => {
    expect(checkTransportRules('sse', { command: 'node', env: { A: '1' } })).toEqual([
      { field: 'config.command', messages: ['command is not allowed for the sse transport'] },
      { field: 'config.env', messages: ['env is not allowed for the sse transport'] },
      { field: 'config.url', messages: ['url is required for the sse transport'] },
    ]);
  });
});

describe('withDefaults', () => {
  it('fills numeric defaults and drops nulls', () => {
    expect(withDefaults({ command: 'node', cwd: undefined, requestTimeoutMs: 500 })).toEqual({
      command: 'node',
      startupTimeoutMs: 60_000,
      requestTimeoutMs: 500,
      killTimeoutMs: 5_000,
      retryAttempts: 3,
      healthCheckIntervalMs: 30_000,
      maxRestarts: 5,
      healthCheckTimeoutMs: 5_000,
      healthFailureThreshold: 3,
    });
  });
});

describe('mergeConfigPatch', () => {
  const stdio = withDefaults({ command: 'node', args: ['server.js'], env: { A: '1' } });

  it('overrides given fields and removes fields set to null', () => {
    const merged = mergeConfigPatch(stdio, { args: ['other.js'], env: null, killTimeoutMs: null }, 'stdio', 'stdio');

    expect(merged).toMatchObject({ command: 'node', args: ['other.js'] });
    expect(merged).not.toHaveProperty('env');
    expect(merged).not.toHaveProperty('killTimeoutMs');
  });

  it('drops the stdio fields when the transport becomes remote', () => {
    const merged = mergeConfigPatch(stdio, { url: 'https://mcp.example/mcp' }, 'stdio', 'streamable-http');

    expect(merged).toEqual({ ...withDefaults({ url: 'https://mcp.example/mcp' }) });
  });

  it('keeps url and headers when switching between remote transports', () => {
    const sse = withDefaults({ url: 'https://mcp.example/sse', headers: { 'X-Team': 'a' } });

    expect(mergeConfigPatch(sse, {}, 'sse', 'streamable-http')).toMatchObject({
      url: 'https://mcp.example/sse',
      headers: { 'X-Team': 'a' },
    });
  });
});
