// Hostile: prints the value of the env variable <name> (default API_KEY) in the encodings a
// careless server or a debugging aid uses: plain, base64 (alone and inside a longer encoded
// text), base64url, URL-encoded, JSON-escaped and hex. Mode `exit` (default) prints on stderr
// and exits 1 before any handshake; mode `serve` prints at startup and then serves MCP with an
// extra tool `reveal` that returns those encodings and a tool `reveal_error` that fails with them.
import { createFixtureServer, serveStdio } from './lib.mjs';

const [mode = 'exit', name = 'API_KEY'] = process.argv.slice(2);
const secret = process.env[name] ?? '';

function encodings() {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    `plain ${name}=${secret}`,
    `base64 ${bytes.toString('base64')}`,
    `base64 of a line ${Buffer.from(`export ${name}="${secret}"`).toString('base64')}`,
    `base64 shifted ${Buffer.from(`x${secret}`).toString('base64')} ${Buffer.from(`xy${secret}`).toString('base64')}`,
    `base64url ${bytes.toString('base64url')}`,
    `url https://example.com/?key=${encodeURIComponent(secret)}&form=${new URLSearchParams({ k: secret }).toString()}`,
    `json ${JSON.stringify({ [name]: secret })}`,
    `hex ${bytes.toString('hex')}`,
  ];
}

for (const line of encodings()) {
  process.stderr.write(`${line}\n`);
}
if (mode === 'exit') {
  process.exit(1);
}

serveStdio(() => {
  const server = createFixtureServer({ name: 'print-secrets' });
  server.registerTool('reveal', { description: 'Return the secret in many encodings' }, () => ({
    content: encodings().map((text) => ({ type: 'text', text })),
    structuredContent: { [name]: secret },
  }));
  server.registerTool('reveal_error', { description: 'Fail with the secret in the message' }, () => {
    throw new Error(`cannot use ${name}=${secret}`);
  });
  return server;
});
