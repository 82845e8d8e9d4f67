import { importedServerRequest, importedTarget, looksSecret, parseMcpServersJson } from './mcp-servers-import';

describe('parseMcpServersJson', () => {
  it('reads a Claude Desktop snippet with a stdio server', () => {
    const result = parseMcpServersJson(
      JSON.stringify({
        mcpServers: {
          filesystem: {
            command: 'npx',
            args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'],
            env: { LOG_LEVEL: 'debug', GITHUB_TOKEN: 'ghp_x' },
            cwd: '/srv',
          },
        },
      }),
    );
    expect(result.problems).toEqual([]);
    expect(result.servers).toEqual([
      {
        name: 'filesystem',
        sourceName: 'filesystem',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'],
        env: [
          { name: 'LOG_LEVEL', value: 'debug', secret: false },
          { name: 'GITHUB_TOKEN', value: 'ghp_x', secret: true },
        ],
        cwd: '/srv',
        headers: [],
        enabled: true,
        notes: [],
      },
    ]);
  });

  it('accepts the bare inner object', () => {
    const result = parseMcpServersJson('{ "memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"] } }');
    expect(result.problems).toEqual([]);
    expect(result.servers.map((s) => s.name)).toEqual(['memory']);
  });

  it('accepts the VS Code "servers" container', () => {
    const result = parseMcpServersJson('{ "servers": { "a": { "type": "stdio", "command": "node" } } }');
    expect(result.servers.map((s) => [s.name, s.transport])).toEqual([['a', 'stdio']]);
  });

  it('maps the remote types of Claude Code and Cursor to transports', () => {
    const result = parseMcpServersJson(
      JSON.stringify({
        mcpServers: {
          http: { type: 'http', url: 'https://a.example/mcp', headers: { Authorization: 'Bearer x', 'X-Team': 'search' } },
          streamable: { type: 'streamable-http', serverUrl: 'https://b.example/mcp' },
          legacy: { type: 'sse', url: 'https://c.example/sse' },
          guessed: { url: 'https://d.example/sse' },
          plain: { url: 'https://e.example/mcp' },
        },
      }),
    );
    expect(result.problems).toEqual([]);
    expect(result.servers.map((s) => [s.name, s.transport, s.url])).toEqual([
      ['http', 'streamable-http', 'https://a.example/mcp'],
      ['streamable', 'streamable-http', 'https://b.example/mcp'],
      ['legacy', 'sse', 'https://c.example/sse'],
      ['guessed', 'sse', 'https://d.example/sse'],
      ['plain', 'streamable-http', 'https://e.example/mcp'],
    ]);
    expect(result.servers[0].headers).toEqual([
      { name: 'Authorization', value: 'Bearer x', secret: true },
      { name: 'X-Team', value: 'search', secret: false },
    ]);
    expect(result.servers[3].notes).toEqual(['no "type" given: using sse']);
  });

  it('reports invalid JSON with line, column and position', () => {
    const result = parseMcpServersJson('{\n  "mcpServers": {\n    "a": { "command": "npx", },\n  }\n}');
    expect(result.servers).toEqual([]);
    expect(result.problems).toEqual([
      { entry: null, message: 'Invalid JSON at line 3, column 30 (position 49): Trailing comma before "}" is not allowed in JSON' },
    ]);
  });

  it.each([
    ["{ 'mcpServers': {} }", 'line 1, column 3', 'double quotes, not single quotes'],
    ['{ mcpServers: {} }', 'line 1, column 3', 'Property names must be in double quotes'],
    ['{ "a": 1 // comment\n}', 'line 1, column 10', 'Comments are not allowed in JSON'],
    ['{ "a": "x', 'line 1, column 8', 'Unterminated string'],
    ['{ "a": [1, 2 }', 'line 1, column 14', 'expected "," or "]"'],
    ['{ "a": 1 } x', 'line 1, column 12', 'Unexpected text after the end of the JSON value'],
    ['{ "a": ', 'line 1, column 8', 'Unexpected end of input'],
  ])('points at the fault in %j', (text, where, what) => {
    const [problem] = parseMcpServersJson(text).problems;
    expect(problem.message).toContain(where);
    expect(problem.message).toContain(what);
  });

  it('says what is wrong per entry and keeps the good ones', () => {
    const result = parseMcpServersJson(
      JSON.stringify({
        mcpServers: {
          good: { command: 'node', args: ['server.js'] },
          nothing: { foo: 1 },
          both: { command: 'node', url: 'https://x.example' },
          badArgs: { command: 'node', args: 'server.js' },
          badEnv: { command: 'node', env: { A: { nested: true } } },
          badType: { type: 'websocket', url: 'wss://x.example' },
          notAnObject: 'npx foo',
        },
      }),
    );
    expect(result.servers.map((s) => s.name)).toEqual(['good']);
    expect(result.problems).toEqual([
      { entry: 'nothing', message: 'needs "command" (a local program) or "url" (a remote server)' },
      { entry: 'both', message: 'has both "command" and "url": keep the one that applies' },
      { entry: 'badArgs', message: '"args" must be a list of strings' },
      { entry: 'badEnv', message: 'env "A" must be a string' },
      { entry: 'badType', message: 'unknown "type" "websocket": expected "http", "streamable-http" or "sse"' },
      { entry: 'notAnObject', message: 'must be an object with "command" (a local program) or "url" (a remote server)' },
    ]);
  });

  it('explains snippets that are not a map of servers', () => {
    expect(parseMcpServersJson('[]').problems[0].message).toContain('Expected a JSON object');
    expect(parseMcpServersJson('{"mcpServers": []}').problems[0].message).toBe('"mcpServers" must be an object of servers by name.');
    expect(parseMcpServersJson('{"mcpServers": {}}').problems[0].message).toBe('"mcpServers" holds no servers.');
    expect(parseMcpServersJson('{"command": "npx"}').problems[0].message).toContain('without its name');
    expect(parseMcpServersJson('   ').problems[0].message).toContain('Paste');
  });

  it('turns names into valid server names and refuses duplicates', () => {
    const result = parseMcpServersJson(
      JSON.stringify({ mcpServers: { 'My Server!': { command: 'node' }, 'my-server': { command: 'node' }, '@@': { command: 'x' } } }),
    );
    expect(result.servers.map((s) => [s.name, s.sourceName])).toEqual([['My-Server', 'My Server!']]);
    expect(result.servers[0].notes[0]).toContain('renamed from "My Server!"');
    expect(result.problems.map((p) => p.entry)).toEqual(['my-server', '@@']);
  });

  it('splits a command written for a shell and keeps numbers as strings', () => {
    const [server] = parseMcpServersJson('{"a": {"command": "npx -y pkg", "env": {"PORT": 8080, "DEBUG": true}}}').servers;
    expect([server.command, server.args]).toEqual(['npx', ['-y', 'pkg']]);
    expect(server.env.map((e) => e.value)).toEqual(['8080', 'true']);
    expect(server.notes).toEqual(['split "npx -y pkg" into the command and its arguments']);
  });

  it('reads "disabled" and notes unknown keys', () => {
    const [server] = parseMcpServersJson('{"a": {"command": "node", "disabled": true, "alwaysAllow": [], "foo": 1}}').servers;
    expect(server.enabled).toBe(false);
    expect(server.notes).toEqual(['ignored "foo"']);
  });
});

describe('looksSecret', () => {
  it.each(['GITHUB_TOKEN', 'API_KEY', 'OPENAI_API_KEY', 'CLIENT_SECRET', 'DB_PASSWORD', 'Authorization', 'X-Auth-User', 'COOKIE'])(
    '%s is secret',
    (name) => expect(looksSecret(name)).toBe(true),
  );
  it.each(['LOG_LEVEL', 'PORT', 'X-Team', 'HOME', 'NODE_ENV'])('%s is not', (name) => expect(looksSecret(name)).toBe(false));
});

describe('importedServerRequest', () => {
  it('sends secrets as secret values and leaves empty parts out', () => {
    const [stdio, remote] = parseMcpServersJson(
      JSON.stringify({
        mcpServers: {
          gh: { command: 'npx', args: ['-y', 'gh-mcp'], env: { GITHUB_TOKEN: 't', LOG: 'x' } },
          remote: { type: 'http', url: 'https://a.example/mcp' },
        },
      }),
    ).servers;
    expect(importedServerRequest(stdio)).toEqual({
      name: 'gh',
      transport: 'stdio',
      enabled: true,
      config: { command: 'npx', args: ['-y', 'gh-mcp'], env: { GITHUB_TOKEN: { secret: true, value: 't' }, LOG: 'x' } },
    });
    expect(importedServerRequest(remote)).toEqual({
      name: 'remote',
      transport: 'streamable-http',
      enabled: true,
      config: { url: 'https://a.example/mcp' },
    });
    expect(importedTarget(stdio)).toBe('npx -y gh-mcp');
    expect(importedTarget(remote)).toBe('https://a.example/mcp');
  });
});
