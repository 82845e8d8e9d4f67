// A stateful Streamable HTTP server of the 2025 session protocol, as supergateway and most
// hosted servers are: `initialize` opens a session (Mcp-Session-Id), every later request must
// carry it, an unknown id is answered 404 "Session not found", DELETE ends a session.
//   node session-server.mjs [port]     127.0.0.1:<port>/mcp (0 = any free port)
// Extra tool `forget_sessions`: the server forgets every session (as on expiry): their later
// requests get 404 and their GET streams close. Restarting the process on the same port is a
// backend restart (every session lost). `GET /sessions` answers
// `{ live, opened, deleted, ids }` for tests. Prints `LISTENING http://127.0.0.1:<port>/mcp` on stderr.
import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';

import { createFixtureServer, notFound, serveFetch } from './lib.mjs';

const port = Number(process.argv[2] ?? '0');
/** sessionId → transport */
const sessions = new Map();
const counts = { opened: 0, deleted: 0 };

function forgetAll() {
  const transports = [...sessions.values()];
  sessions.clear();
  // After the answer to the call that asked for it has left.
  setTimeout(() => transports.forEach((transport) => void transport.close().catch(() => undefined)), 50);
  return transports.length;
}

async function newSession() {
  const server = createFixtureServer({ name: 'session-server' });
  server.registerTool('forget_sessions', { description: 'Forget every session (as on expiry)' }, () => ({
    content: [{ type: 'text', text: `forgot ${forgetAll()} session(s)` }],
  }));
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      counts.opened += 1;
      sessions.set(id, transport);
      console.error(`session opened ${id}`);
    },
    onsessionclosed: (id) => {
      counts.deleted += 1;
      sessions.delete(id);
      console.error(`session deleted ${id}`);
    },
  });
  await server.connect(transport);
  return transport;
}

const sessionNotFound = () =>
  new Response(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }), {
    status: 404,
    headers: { 'content-type': 'application/json' },
  });

async function route(request) {
  const { pathname } = new URL(request.url);
  if (pathname === '/sessions') {
    return Response.json({ live: sessions.size, ...counts, ids: [...sessions.keys()] });
  }
  if (pathname !== '/mcp') return notFound();
  const id = request.headers.get('mcp-session-id');
  if (id) {
    const transport = sessions.get(id);
    return transport ? transport.handleRequest(request) : sessionNotFound();
  }
  if (request.method !== 'POST') {
    return new Response('Mcp-Session-Id header is required', { status: 400 });
  }
  // Without a session: only `initialize` opens one (the transport answers 400 to anything else).
  return (await newSession()).handleRequest(request);
}

process.on('SIGTERM', () => process.exit(0));
const httpServer = await serveFetch(route, port);
console.error(`LISTENING http://127.0.0.1:${httpServer.address().port}/mcp`);
console.error(`fixture session-server ready pid=${process.pid}`);
