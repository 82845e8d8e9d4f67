// The HTTP floor of the gateway benchmark: a Streamable HTTP endpoint that answers `initialize`
// and `tools/call` (an echo) at once, with no MCP server behind it and no work. What a path adds
// over this is what it does itself; what this adds over a direct stdio client is the price of
// HTTP and of the SDK's HTTP transport, which every HTTP gateway pays.
//   node bench/lib/http-floor-server.mjs <port>
import http from 'node:http';

const port = Number(process.argv[2] ?? 0);
const server = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    if (request.method !== 'POST') {
      response.writeHead(405).end();
      return;
    }
    const message = JSON.parse(body);
    if (message.id === undefined) {
      response.writeHead(202).end();
      return;
    }
    const result =
      message.method === 'initialize'
        ? { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'http-floor', version: '1.0.0' } }
        : { content: [{ type: 'text', text: message.params?.arguments?.text ?? '' }] };
    response.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'http-floor' });
    response.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
  });
});
server.listen(port, '127.0.0.1', () => process.stderr.write(`LISTENING http://127.0.0.1:${server.address().port}/mcp\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
