/**
 * Client configuration for the MCP gateway, as text to paste. Pure functions: the page renders
 * them twice, once with what may be shown (a masked token or a placeholder) and once with what
 * is copied (the real token, when there is one).
 */

/** Stands in for a token the page does not have (a viewer, or after the one-time display). */
export const TOKEN_PLACEHOLDER = '<your token>';

/** The protocol revision a hand-written `initialize` asks for. */
export const SNIPPET_PROTOCOL_VERSION = '2025-11-25';

export type ClientKind = 'claude-desktop' | 'vscode' | 'generic';

export interface SnippetTarget {
  /** Absolute URL of the fleet endpoint or one server's endpoint. */
  url: string;
  /** The key of the entry in the client's configuration (`mcp-fleet`, `mcp-fleet-files`). */
  entry: string;
}

export interface Snippet {
  kind: ClientKind;
  label: string;
  /** Where it goes; null for instructions that are not a file. */
  file: string | null;
  language: 'json' | 'text';
  text: string;
}

/** A configuration key for the fleet (no server) or one server: lower case, safe in every client. */
export function entryName(serverName: string | null): string {
  if (serverName === null) {
    return 'mcp-fleet';
  }
  const slug = serverName
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug ? `mcp-fleet-${slug}` : 'mcp-fleet-server';
}

/** The first characters of a token and dots: enough to recognise it, not to use it. */
export function maskToken(token: string, visible = 8): string {
  return `${token.slice(0, Math.min(visible, Math.floor(token.length / 2)))}${'•'.repeat(12)}`;
}

/**
 * mcp-remote refuses plain http unless the host is local or `--allow-http` is passed (it exists
 * for trusted private networks: the token then crosses the network in clear text).
 */
export function needsAllowHttp(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
}

/**
 * Claude Desktop speaks stdio to local commands, so `mcp-remote` bridges to the gateway. The
 * header goes through an env variable without a space around the colon, as mcp-remote's README
 * advises: some clients (Claude Desktop on Windows, Cursor) do not escape spaces inside `args`.
 */
export function claudeDesktopConfig(target: SnippetTarget, token: string): string {
  const args = ['-y', 'mcp-remote', target.url, '--header', 'Authorization:${AUTH_HEADER}'];
  if (needsAllowHttp(target.url)) {
    args.push('--allow-http');
  }
  return json({ mcpServers: { [target.entry]: { command: 'npx', args, env: { AUTH_HEADER: `Bearer ${token}` } } } });
}

/** VS Code connects to Streamable HTTP servers itself. */
export function vscodeConfig(target: SnippetTarget, token: string): string {
  return json({ servers: { [target.entry]: { type: 'http', url: target.url, headers: { Authorization: `Bearer ${token}` } } } });
}

/** Any other client: the URL, the header, and a request to try by hand. */
export function genericInstructions(target: SnippetTarget, token: string, protocolVersion = SNIPPET_PROTOCOL_VERSION): string {
  const initialize = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion, capabilities: {}, clientInfo: { name: 'curl', version: '1.0.0' } },
  });
  return [
    `URL:       ${target.url}`,
    'Transport: Streamable HTTP',
    `Header:    Authorization: Bearer ${token}`,
    '',
    '# Try it:',
    `curl -sS ${shellQuote(target.url)} \\`,
    `  -H ${shellQuote(`Authorization: Bearer ${token}`)} \\`,
    "  -H 'Content-Type: application/json' \\",
    "  -H 'Accept: application/json, text/event-stream' \\",
    `  -d ${shellQuote(initialize)}`,
  ].join('\n');
}

export function buildSnippets(target: SnippetTarget, token: string, protocolVersion?: string): Snippet[] {
  return [
    {
      kind: 'claude-desktop',
      label: 'Claude Desktop',
      file: 'claude_desktop_config.json',
      language: 'json',
      text: claudeDesktopConfig(target, token),
    },
    { kind: 'vscode', label: 'VS Code', file: '.vscode/mcp.json', language: 'json', text: vscodeConfig(target, token) },
    { kind: 'generic', label: 'Other clients', file: null, language: 'text', text: genericInstructions(target, token, protocolVersion) },
  ];
}

/** One POSIX shell word: single quotes, with any single quote inside closed, escaped and reopened. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
