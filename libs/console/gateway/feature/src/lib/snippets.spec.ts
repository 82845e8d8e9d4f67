import {
  buildSnippets,
  claudeDesktopConfig,
  entryName,
  genericInstructions,
  maskToken,
  needsAllowHttp,
  shellQuote,
  TOKEN_PLACEHOLDER,
  vscodeConfig,
} from './snippets';

const FLEET = { url: 'https://fleet.example.com/mcp', entry: 'mcp-fleet' };
const TOKEN = 'mcpf_0123456789abcdefghij';

describe('gateway snippets', () => {
  it('writes a Claude Desktop entry that bridges with mcp-remote and passes the token through env', () => {
    const config = JSON.parse(claudeDesktopConfig(FLEET, TOKEN)) as {
      mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }>;
    };
    expect(config.mcpServers['mcp-fleet']).toEqual({
      command: 'npx',
      args: ['-y', 'mcp-remote', FLEET.url, '--header', 'Authorization:${AUTH_HEADER}'],
      env: { AUTH_HEADER: `Bearer ${TOKEN}` },
    });
  });

  it('adds --allow-http for plain http to a remote host only', () => {
    expect(needsAllowHttp('http://10.0.0.5:3000/mcp')).toBe(true);
    expect(needsAllowHttp('http://localhost:3000/mcp')).toBe(false);
    expect(needsAllowHttp('http://127.0.0.1:3000/mcp')).toBe(false);
    expect(needsAllowHttp('https://fleet.example.com/mcp')).toBe(false);
    expect(needsAllowHttp('not a url')).toBe(false);
    expect(claudeDesktopConfig({ url: 'http://10.0.0.5:3000/mcp', entry: 'x' }, TOKEN)).toContain('"--allow-http"');
  });

  it('writes a VS Code entry of type http with the bearer header', () => {
    expect(JSON.parse(vscodeConfig({ url: 'https://h/mcp/files', entry: 'mcp-fleet-files' }, TOKEN))).toEqual({
      servers: { 'mcp-fleet-files': { type: 'http', url: 'https://h/mcp/files', headers: { Authorization: `Bearer ${TOKEN}` } } },
    });
  });

  it('gives other clients the URL, the header and a curl initialize that the shell passes intact', () => {
    const text = genericInstructions({ url: "https://h/mcp/it's", entry: 'x' }, TOKEN);
    expect(text).toContain("URL:       https://h/mcp/it's");
    expect(text).toContain(`Header:    Authorization: Bearer ${TOKEN}`);
    expect(text).toContain(`curl -sS 'https://h/mcp/it'\\''s'`);
    expect(text).toContain("-H 'Accept: application/json, text/event-stream'");
    const body = /-d '(.*)'$/m.exec(text)?.[1];
    expect(JSON.parse(body ?? '')).toMatchObject({ jsonrpc: '2.0', method: 'initialize', params: { protocolVersion: '2025-11-25' } });
  });

  it('keeps the placeholder readable in every snippet', () => {
    const snippets = buildSnippets(FLEET, TOKEN_PLACEHOLDER);
    expect(snippets.map((snippet) => snippet.kind)).toEqual(['claude-desktop', 'vscode', 'generic']);
    for (const snippet of snippets) {
      expect(snippet.text).toContain(`Bearer ${TOKEN_PLACEHOLDER}`);
    }
  });

  it('masks a token to its first characters', () => {
    expect(maskToken(TOKEN)).toBe('mcpf_012••••••••••••');
    expect(maskToken('abcd')).toBe('ab••••••••••••');
    expect(maskToken(TOKEN)).not.toContain(TOKEN.slice(8));
  });

  it('names configuration entries after the fleet or the server', () => {
    expect(entryName(null)).toBe('mcp-fleet');
    expect(entryName('Files Server')).toBe('mcp-fleet-files-server');
    expect(entryName('git_hub')).toBe('mcp-fleet-git_hub');
    expect(entryName('***')).toBe('mcp-fleet-server');
  });

  it('quotes shell words', () => {
    expect(shellQuote('plain')).toBe("'plain'");
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});
