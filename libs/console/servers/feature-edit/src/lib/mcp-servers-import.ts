import {
  type ConfigValue,
  type RegisterServerRequest,
  SERVER_LIMITS,
  type ServerConfigInput,
  type ServerTransport,
} from '@mcp-fleet/shared/contracts';

import { findJsonProblem } from './json-error';

/** One env variable or header from a snippet. */
export interface ImportedValue {
  name: string;
  value: string;
  secret: boolean;
}

/** One server of a snippet, in the shape the form and the API take. */
export interface ImportedServer {
  /** A valid mcp-fleet server name (the snippet's key, cleaned up if needed). */
  name: string;
  /** The key as written in the snippet. */
  sourceName: string;
  transport: ServerTransport;
  command?: string;
  args: string[];
  env: ImportedValue[];
  cwd?: string;
  url?: string;
  headers: ImportedValue[];
  enabled: boolean;
  /** Things changed or left out on the way in, for the review list. */
  notes: string[];
}

export interface ImportProblem {
  /** The snippet key the problem is about; null for the snippet as a whole. */
  entry: string | null;
  message: string;
}

export interface ImportResult {
  servers: ImportedServer[];
  problems: ImportProblem[];
}

/** Names of env variables and headers that usually carry credentials. */
const SECRET_NAME = /(token|key|secret|passw(or)?d|pwd|auth|credential|private|cookie|session|bearer)/i;

export function looksSecret(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Keys the clients write that mean nothing to mcp-fleet; dropped without a note. */
const CLIENT_ONLY_KEYS = new Set(['autoApprove', 'alwaysAllow', 'disabledTools', 'timeout', 'envFile', 'description']);
const STDIO_KEYS = new Set(['command', 'args', 'env', 'cwd']);
const REMOTE_KEYS = new Set(['url', 'serverUrl', 'headers']);
const COMMON_KEYS = new Set(['type', 'transportType', 'transport', 'disabled']);

const REMOTE_TYPES: Record<string, ServerTransport> = {
  http: 'streamable-http',
  'streamable-http': 'streamable-http',
  streamableHttp: 'streamable-http',
  streamable_http: 'streamable-http',
  sse: 'sse',
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isServerShaped(value: unknown): boolean {
  return isObject(value) && ('command' in value || 'url' in value || 'serverUrl' in value);
}

/**
 * Reads a Claude Desktop / Claude Code / Cursor / VS Code style snippet:
 * `{ "mcpServers": { "<name>": { command, args, env, cwd } | { url | serverUrl, headers, type } } }`,
 * the same under `servers`, or the bare inner object. Every entry is read on its own, so one
 * broken entry does not hide the good ones; what is wrong is said per entry.
 */
export function parseMcpServersJson(text: string): ImportResult {
  if (text.trim() === '') {
    return { servers: [], problems: [{ entry: null, message: 'Paste an "mcpServers" JSON snippet first.' }] };
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    const problem = findJsonProblem(text);
    const where = problem ? ` at line ${problem.line}, column ${problem.column} (position ${problem.position})` : '';
    return { servers: [], problems: [{ entry: null, message: `Invalid JSON${where}: ${problem?.message ?? 'could not be parsed'}` }] };
  }
  const entries = serverEntries(root);
  if (typeof entries === 'string') {
    return { servers: [], problems: [{ entry: null, message: entries }] };
  }
  const servers: ImportedServer[] = [];
  const problems: ImportProblem[] = [];
  const taken = new Set<string>();
  for (const [key, entry] of Object.entries(entries)) {
    const result = readEntry(key, entry);
    if (typeof result === 'string') {
      problems.push({ entry: key, message: result });
    } else if (taken.has(result.name.toLowerCase())) {
      problems.push({ entry: key, message: `"${result.name}" appears twice (server names are case-insensitive)` });
    } else {
      taken.add(result.name.toLowerCase());
      servers.push(result);
    }
  }
  return { servers, problems };
}

/** The name → settings object of the snippet, or why there is none. */
function serverEntries(root: unknown): Json | string {
  if (!isObject(root)) {
    return 'Expected a JSON object such as { "mcpServers": { "name": { "command": "…" } } }.';
  }
  const container = 'mcpServers' in root ? 'mcpServers' : isObject(root['servers']) ? 'servers' : null;
  if (container) {
    const inner = root[container];
    if (!isObject(inner)) {
      return `"${container}" must be an object of servers by name.`;
    }
    if (Object.keys(inner).length === 0) {
      return `"${container}" holds no servers.`;
    }
    return inner;
  }
  if (isServerShaped(root)) {
    return 'This is the settings of one server without its name: wrap it as { "mcpServers": { "<name>": … } }.';
  }
  if (Object.keys(root).length === 0) {
    return 'The object is empty: expected servers by name.';
  }
  return root;
}

/** Letters, digits, dot, dash and underscore, starting with a letter or digit. */
function cleanName(key: string): string {
  return key
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, SERVER_LIMITS.nameMaxLength);
}

function readEntry(key: string, entry: unknown): ImportedServer | string {
  if (!isObject(entry)) {
    return 'must be an object with "command" (a local program) or "url" (a remote server)';
  }
  const name = cleanName(key);
  if (!name) {
    return 'the name has no letters or digits to make a server name from';
  }
  const notes = name === key ? [] : [`renamed from "${key}" (names allow letters, digits, ".", "_" and "-")`];
  const hasCommand = entry['command'] !== undefined;
  const url = entry['url'] ?? entry['serverUrl'];
  if (hasCommand && url !== undefined) {
    return 'has both "command" and "url": keep the one that applies';
  }
  const server: ImportedServer = {
    name,
    sourceName: key,
    transport: 'stdio',
    args: [],
    env: [],
    headers: [],
    enabled: entry['disabled'] !== true,
    notes,
  };
  const problem = hasCommand ? readStdio(entry, server) : url !== undefined ? readRemote(entry, url, server) : missingTarget(entry);
  if (problem) {
    return problem;
  }
  const known = hasCommand ? STDIO_KEYS : REMOTE_KEYS;
  const ignored = Object.keys(entry).filter((k) => !known.has(k) && !COMMON_KEYS.has(k) && !CLIENT_ONLY_KEYS.has(k));
  if (ignored.length > 0) {
    notes.push(`ignored ${ignored.map((k) => `"${k}"`).join(', ')}`);
  }
  return server;
}

function missingTarget(entry: Json): string {
  const type = entry['type'] ?? entry['transportType'];
  if (type === 'stdio') {
    return 'has "type": "stdio" but no "command"';
  }
  if (typeof type === 'string' && type in REMOTE_TYPES) {
    return `has "type": "${type}" but no "url"`;
  }
  return 'needs "command" (a local program) or "url" (a remote server)';
}

function readStdio(entry: Json, server: ImportedServer): string | null {
  const command = entry['command'];
  if (typeof command !== 'string' || command.trim() === '') {
    return '"command" must be a non-empty string';
  }
  const args = entry['args'];
  if (args !== undefined && !(Array.isArray(args) && args.every(isScalar))) {
    return '"args" must be a list of strings';
  }
  server.args = (args ?? []).map(String);
  const trimmed = command.trim();
  // "npx -y pkg" in command works in a shell but not for a program spawned without one.
  if (/\s/.test(trimmed) && !trimmed.startsWith('/') && server.args.length === 0) {
    const [program, ...rest] = trimmed.split(/\s+/);
    server.command = program;
    server.args = rest;
    server.notes.push(`split "${trimmed}" into the command and its arguments`);
  } else {
    server.command = trimmed;
  }
  const env = readValues(entry['env'], 'env');
  if (typeof env === 'string') {
    return env;
  }
  server.env = env;
  const cwd = entry['cwd'];
  if (cwd !== undefined && typeof cwd !== 'string') {
    return '"cwd" must be a string';
  }
  if (cwd) {
    server.cwd = cwd;
  }
  return null;
}

function readRemote(entry: Json, url: unknown, server: ImportedServer): string | null {
  if (typeof url !== 'string' || url.trim() === '') {
    return '"url" must be a non-empty string';
  }
  server.url = url.trim();
  const type = entry['type'] ?? entry['transportType'] ?? entry['transport'];
  if (type === undefined) {
    server.transport = /\/sse\/?([?#]|$)/.test(server.url) ? 'sse' : 'streamable-http';
    server.notes.push(`no "type" given: using ${server.transport}`);
  } else if (typeof type === 'string' && type in REMOTE_TYPES) {
    server.transport = REMOTE_TYPES[type];
  } else {
    return `unknown "type" ${JSON.stringify(type)}: expected "http", "streamable-http" or "sse"`;
  }
  const headers = readValues(entry['headers'], 'headers');
  if (typeof headers === 'string') {
    return headers;
  }
  server.headers = headers;
  return null;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function readValues(map: unknown, field: 'env' | 'headers'): ImportedValue[] | string {
  if (map === undefined) {
    return [];
  }
  if (!isObject(map)) {
    return `"${field}" must be an object of names and values`;
  }
  const values: ImportedValue[] = [];
  for (const [name, value] of Object.entries(map)) {
    if (!isScalar(value)) {
      return `${field} "${name}" must be a string`;
    }
    values.push({ name, value: String(value), secret: looksSecret(name) });
  }
  return values;
}

function valueMap(values: ImportedValue[]): Record<string, ConfigValue> | undefined {
  if (values.length === 0) {
    return undefined;
  }
  return Object.fromEntries(values.map((v) => [v.name, v.secret ? { secret: true as const, value: v.value } : v.value]));
}

/** The registration request for one imported server (timeouts left to their defaults). */
export function importedServerRequest(server: ImportedServer): RegisterServerRequest {
  const config: ServerConfigInput =
    server.transport === 'stdio'
      ? {
          command: server.command,
          args: server.args.length > 0 ? server.args : undefined,
          env: valueMap(server.env),
          cwd: server.cwd,
        }
      : { url: server.url, headers: valueMap(server.headers) };
  const defined = Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined)) as ServerConfigInput;
  return { name: server.name, transport: server.transport, enabled: server.enabled, config: defined };
}

/** "command arg1 arg2" or the URL: what the review list shows per server. */
export function importedTarget(server: ImportedServer): string {
  return server.transport === 'stdio' ? [server.command ?? '', ...server.args].join(' ') : (server.url ?? '');
}
