// The gateway's transparency check: the MCP conformance suite run against one server directly
// and through mcp-fleet's gateway (`/mcp/<name>`, the same server process registered as a remote
// Streamable HTTP server); every check that passes directly must pass through the gateway.
//
//   node tools/conformance/transparency.mjs [--cache DIR] [--out DIR]
//
// Needs the built API (`npx nx build api`). Runs the API on its embedded database. Exit 0 when
// nothing is lost through the gateway, 1 when something is (listed), 2 when it could not run.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { apiCall as call, HERE, launch, ROOT, runCleanups, startApi } from './shared.mjs';

const FIXTURE = join(ROOT, 'tools', 'mcp-fixtures', 'v2-server.mjs');
const SERVER_NAME = 'conformance-fixture';

const { values } = parseArgs({ options: { cache: { type: 'string' }, out: { type: 'string' } } });
const outDir = resolve(values.out ?? mkdtempSync(join(tmpdir(), 'mcp-fleet-conformance-')));
mkdirSync(outDir, { recursive: true });
const cleanups = [];

function run(args) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.once('exit', (code) => resolvePromise(code ?? 1));
  });
}

async function main() {
  const fixtureUrl = await launch([FIXTURE, 'http', '0'], {}, /LISTENING (http:\/\/\S+)/, 'the fixture server', cleanups);
  const { apiUrl, accessToken } = await startApi(cleanups);
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
  runCleanups(cleanups);
}
process.exit(code);
