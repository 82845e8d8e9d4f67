// Shared helpers for the MCP server fixtures (plain ESM, no build step).
//
// The v2 SDK serves from a *factory*: serveStdio() builds one McpServer per
// connection (plus a throw-away instance for a `server/discover` probe that
// falls back to `initialize`), createMcpHandler() builds one per HTTP request.
// So the serve helpers take a factory, e.g. `() => createFixtureServer({ name })`.
import http from 'node:http';
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import {
  McpServer,
  createMcpHandler,
  fromJsonSchema,
  hostHeaderValidationResponse,
  localhostAllowedHostnames,
} from '@modelcontextprotocol/server';
import { serveStdio as sdkServeStdio } from '@modelcontextprotocol/server/stdio';

/** Tools added at runtime via `add_tool`; process-wide so per-request HTTP instances see them too. */
const runtimeTools = new Set();
const toolEvents = new EventEmitter();

const text = (value) => ({ content: [{ type: 'text', text: String(value) }] });
const schema = (properties, required = Object.keys(properties)) => fromJsonSchema({ type: 'object', properties, required });
const str = { type: 'string' };
const num = { type: 'number' };

function registerRuntimeTool(server, name) {
  server.registerTool(name, { description: `runtime tool ${name}` }, () => text(`${name} called`));
}

/** A fixture server: tools echo/add/sleep/fail/stderr/add_tool, resource fixture://readme, prompt greet. */
export function createFixtureServer({ name, version = '1.0.0' }) {
  const server = new McpServer({ name, version });

  server.registerTool('echo', { description: 'Echo text', inputSchema: schema({ text: str }) }, ({ text: t }) => text(t));
  server.registerTool('add', { description: 'Add two numbers', inputSchema: schema({ a: num, b: num }) }, ({ a, b }) => text(a + b));
  server.registerTool(
    'sleep',
    { description: 'Wait ms milliseconds', inputSchema: schema({ ms: num }) },
    ({ ms }, ctx) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => resolve(text(`slept ${ms}ms`)), ms);
        ctx.mcpReq.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
      }),
  );
  server.registerTool('fail', { description: 'Return a tool error', inputSchema: schema({ message: str }) }, ({ message }) => ({
    ...text(message),
    isError: true,
  }));
  server.registerTool(
    'stderr',
    { description: 'Write lines to stderr', inputSchema: schema({ text: str, lines: num }, ['text']) },
    ({ text: t, lines = 1 }) => {
      for (let i = 0; i < lines; i++) process.stderr.write(`${t}\n`);
      return text(`wrote ${lines} line(s) to stderr`);
    },
  );
  server.registerTool(
    'add_tool',
    { description: 'Register a tool at runtime', inputSchema: schema({ name: str }) },
    ({ name: toolName }) => {
      if (runtimeTools.has(toolName)) return { ...text(`tool ${toolName} already exists`), isError: true };
      runtimeTools.add(toolName);
      registerRuntimeTool(server, toolName); // McpServer sends notifications/tools/list_changed itself
      toolEvents.emit('added', toolName);
      return text(`added tool ${toolName}`);
    },
  );
  for (const toolName of runtimeTools) registerRuntimeTool(server, toolName);

  server.registerResource('readme', 'fixture://readme', { mimeType: 'text/plain' }, (uri) => ({
    contents: [{ uri: uri.href, mimeType: 'text/plain', text: `${name} fixture readme` }],
  }));
  server.registerPrompt('greet', { description: 'Greet someone', argsSchema: schema({ name: str }) }, ({ name: who }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Hello, ${who}!` } }],
  }));
  return server;
}

/** Serve a factory over this process's stdin/stdout (both protocol eras). `factory` defaults from a name. */
export function serveStdio(factory) {
  if (typeof factory === 'string') {
    const name = factory;
    factory = () => createFixtureServer({ name });
  }
  return sdkServeStdio(() => factory(), { onerror: (err) => console.error(`[fixture] ${err.message}`) });
}

/**
 * Serve a fetch-style handler, `(request: Request) => Response | Promise<Response>`, with Node's
 * http server on 127.0.0.1:<port> (port 0 = any free port). Every path reaches `route`; a request
 * whose client hangs up has its `signal` aborted. Resolves with the listening `http.Server`.
 */
export async function serveFetch(route, port = 0) {
  const httpServer = http.createServer(async (req, res) => {
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'DELETE';
      const request = new Request(url, {
        method: req.method,
        headers: Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
        body: hasBody ? Readable.toWeb(req) : undefined,
        duplex: 'half',
        signal: abort.signal,
      });
      const response = await route(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body)
        Readable.fromWeb(response.body)
          .on('error', () => res.destroy())
          .pipe(res);
      else res.end();
    } catch (err) {
      console.error(`[fixture] http error: ${err.message}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, '127.0.0.1', resolve);
  });
  return httpServer;
}

/** The answer to any path a fixture does not serve. */
export const notFound = () => new Response('not found', { status: 404 });

/**
 * Serve a factory over Streamable HTTP on 127.0.0.1:<port>/mcp (port 0 = any free port).
 * Prints `LISTENING http://127.0.0.1:<port>/mcp` on stderr; resolves with `{ url, close }`.
 */
export async function serveHttp(factory, port = 0) {
  const handler = createMcpHandler(() => factory(), { onerror: (err) => console.error(`[fixture] ${err.message}`) });
  // Per-request instances cannot reach open subscriptions/listen streams; the handler's bus can.
  toolEvents.on('added', () => handler.notify.toolsChanged());

  const httpServer = await serveFetch(async (request) => {
    if (new URL(request.url).pathname !== '/mcp') return notFound();
    return hostHeaderValidationResponse(request, localhostAllowedHostnames()) ?? (await handler.fetch(request));
  }, port);
  const url = `http://127.0.0.1:${httpServer.address().port}/mcp`;
  console.error(`LISTENING ${url}`);
  return { url, close: () => Promise.all([handler.close(), new Promise((r) => httpServer.close(r))]) };
}
