// The gateway's transparency check: the MCP conformance suite run against one server directly
// and through mcp-fleet's gateway (`/mcp/<name>`, the same server process registered as a remote
// Streamable HTTP server); every check that passes directly must pass through the gateway.
//
//   node tools/conformance/transparency.mjs [--cache DIR] [--out DIR]
//
// Needs the built API (`npx nx build api`). Runs the API on its embedded database. Exit 0 when
// nothing is lost through the gateway, 1 when something is (listed), 2 when it could not run.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'main.js');
const FIXTURE = join(ROOT, 'tools', 'mcp-fixtures', 'v2-server.mjs');
const ADMIN = { email: 'conformance@example.com', password: 'conformance-admin-password' };
const SERVER_NAME = 'conformance-fixture';

const { values } = parseArgs({ options: { cache: { type: 'string' }, out: { type: 'string' } } });
const outDir = resolve(values.out ?? mkdtempSync(join(tmpdir(), 'mcp-fleet-conformance-')));
mkdirSync(outDir, { recursive: true });
const cleanups = [];

/** Starts a process and resolves with the first match of `pattern` in its output. */
function launch(args, env, pattern, what) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => child.exitCode === null && child.signalCode === null && child.kill('SIGTERM'));
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 60 s:\n${output.slice(-2000)}`)), 60_000);
    const hear = (chunk) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout.on('data', hear);
    child.stderr.on('data', hear);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
}

async function call(base, method, path, body, token) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return text ? JSON.parse(text) : undefined;
}

function run(args) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.once('exit', (code) => resolvePromise(code ?? 1));
  });
}

async function main() {
  const fixtureUrl = await launch([FIXTURE, 'http', '0'], {}, /LISTENING (http:\/\/\S+)/, 'the fixture server');
  const dataDir = mkdtempSync(join(tmpdir(), 'mcp-fleet-conformance-data-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const apiUrl = await launch(
    [API_MAIN],
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'info',
      ALLOW_PRIVATE_URLS: 'true',
    },
    /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"mcp-fleet is listening"/,
    'the API',
  );
  const { accessToken } = await call(apiUrl, 'POST', '/api/auth/login', ADMIN);
  const server = await call(
    apiUrl,
    'POST',
    '/api/mcp/servers',
    { name: SERVER_NAME, transport: 'streamable-http', config: { url: fixtureUrl } },
    accessToken,
  );
  await call(apiUrl, 'POST', `/api/mcp/servers/${server.id}/start`, undefined, accessToken);
  const { token } = await call(
    apiUrl,
    'POST',
    '/api/mcp/api-tokens',
    { name: 'conformance', permissions: ['mcp:call_tools'] },
    accessToken,
  );

  const cache = values.cache ? ['--cache', resolve(values.cache)] : [];
  const direct = join(outDir, 'direct.json');
  const gateway = join(outDir, 'gateway.json');
  console.log(`Direct: ${fixtureUrl}`);
  if ((await run([join(HERE, 'run.mjs'), '--url', fixtureUrl, '--out', direct, ...cache])) !== 0) {
    return 2;
  }
  console.log(`Through the gateway: ${apiUrl}/mcp/${SERVER_NAME}`);
  const gatewayRun = await run([
    join(HERE, 'run.mjs'),
    '--url',
    `${apiUrl}/mcp/${SERVER_NAME}`,
    '--header',
    `Authorization: Bearer ${token}`,
    '--out',
    gateway,
    ...cache,
  ]);
  if (gatewayRun !== 0) {
    return 2;
  }
  return run([join(HERE, 'compare.mjs'), direct, gateway]);
}

let code = 2;
try {
  code = await main();
} catch (error) {
  console.error(`The transparency check could not run: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  for (const cleanup of cleanups.reverse()) {
    try {
      cleanup();
    } catch {
      // best effort
    }
  }
}
process.exit(code);
