// A legacy HTTP+SSE server (protocol 2024-11-05), written without the SDK: GET /sse opens the
// event stream and names the endpoint for POSTs (`/messages?session=<id>`); answers come back
// on the stream. `sse-server.mjs [port]` listens on 127.0.0.1 (0: any free port) and prints
// `LISTENING http://127.0.0.1:<port>/sse` on stderr. Tools: `echo {text}`. A POST to /sse, as a
// Streamable HTTP client sends it, is answered 405 with an HTML page, as many servers do.
import { randomUUID } from 'node:crypto';
import http from 'node:http';

const port = Number(process.argv[2] ?? 0);
const streams = new Map();
const tool = {
  name: 'echo',
  description: 'Echo text',
  inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
};

function answer(message) {
  const { id, method, params } = message;
  if (id === undefined) return undefined;
  switch (method) {
    case 'initialize':
      return { protocolVersion: '2024-11-05', capabilities: { tools: {} }, serverInfo: { name: 'sse-fixture', version: '1.0.0' } };
    case 'ping':
      return {};
    case 'tools/list':
      return { tools: [tool] };
    case 'tools/call':
      return { content: [{ type: 'text', text: String(params?.arguments?.text ?? '') }] };
    default:
      return { error: { code: -32601, message: `Method not found: ${method}` } };
  }
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/sse') {
    const session = randomUUID();
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(`event: endpoint\ndata: /messages?session=${session}\n\n`);
    streams.set(session, res);
    req.on('close', () => streams.delete(session));
    return;
  }
  if (req.method === 'POST' && url.pathname === '/messages') {
    const stream = streams.get(url.searchParams.get('session') ?? '');
    if (!stream) {
      res.writeHead(404).end('Unknown session');
      return;
    }
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const message = JSON.parse(body);
      const result = answer(message);
      res.writeHead(202).end('Accepted');
      if (result !== undefined) {
        const reply = result.error ? { jsonrpc: '2.0', id: message.id, error: result.error } : { jsonrpc: '2.0', id: message.id, result };
        stream.write(`event: message\ndata: ${JSON.stringify(reply)}\n\n`);
      }
    });
    return;
  }
  res.writeHead(req.method === 'POST' ? 405 : 404, { 'content-type': 'text/html' });
  res.end(
    `<!DOCTYPE html><html><head><title>Error</title><style>body{color:red}</style></head><body><h1>${req.method === 'POST' ? 'Method Not Allowed' : 'Not Found'}</h1><p>Cannot ${req.method} ${url.pathname}</p></body></html>`,
  );
});
server.listen(port, '127.0.0.1', () => console.error(`LISTENING http://127.0.0.1:${server.address().port}/sse`));
process.on('SIGTERM', () => process.exit(0));
