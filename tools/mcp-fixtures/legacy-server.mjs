// A legacy-only stdio server (protocol 2025-06-18), written without the SDK, the way older
// servers behave when they meet the 2026-07-28 `server/discover` probe:
//   legacy-server.mjs silent   ignores requests it does not know (never answers the probe)
//   legacy-server.mjs strict   exits 1 on any request before `initialize` (as some SDKs do)
// A third argument `banner` prints a banner line on stdout before anything else and a stray
// line after `initialize`, as servers that print to stdout do. Tools: `echo {text}`.
// Writes `fixture legacy-server <mode> pid=<pid>` on stderr.
import { createInterface } from 'node:readline';

const [mode = 'silent', extra] = process.argv.slice(2);
const banner = extra === 'banner';
let initialized = false;

const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
const result = (id, value) => send({ id, result: value });

console.error(`fixture legacy-server ${mode} pid=${process.pid}`);
if (banner) process.stdout.write('Legacy MCP server v0.9 starting (this banner is not JSON)\n');

const tool = {
  name: 'echo',
  description: 'Echo text',
  inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
};

createInterface({ input: process.stdin }).on('line', (line) => {
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    return;
  }
  const { id, method, params } = message;
  if (method === undefined) return; // a response: this server sends no requests
  if (!initialized && method !== 'initialize') {
    if (mode === 'strict' && id !== undefined) {
      console.error(`protocol violation: ${method} before initialize`);
      process.exit(1);
    }
    return; // silent: unknown or early requests are ignored
  }
  switch (method) {
    case 'initialize':
      initialized = true;
      result(id, {
        protocolVersion: '2025-06-18',
        capabilities: { tools: {} },
        serverInfo: { name: `legacy-${mode}`, version: process.env.FIXTURE_VERSION ?? '0.9.0' },
      });
      if (banner) process.stdout.write('[legacy] client connected\n');
      return;
    case 'ping':
      return result(id, {});
    case 'tools/list':
      return result(id, { tools: [tool] });
    case 'tools/call':
      return result(id, { content: [{ type: 'text', text: String(params?.arguments?.text ?? '') }] });
    default:
      if (id !== undefined) send({ id, error: { code: -32601, message: `Method not found: ${method}` } });
  }
});
process.stdin.on('end', () => process.exit(0));
