// Helpers shared by the conformance scripts: the pinned CLI install (run.mjs, client-mode.mjs) and
// the built API started on its embedded database (transparency.mjs, client-mode.mjs).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONFORMANCE_VERSION = '0.2.0-alpha.12';
export const NODE_VERSION = '22.23.5';
export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '..', '..');
export const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'main.js');
export const ADMIN = { email: 'conformance@example.com', password: 'conformance-admin-password' };

/** Runs a command to its end, collecting (and optionally teeing) its output. */
export function exec(cmd, args, { cwd, env, stdout, stderr, timeoutMs } = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      stdout?.write(d);
    });
    child.stderr.on('data', (d) => {
      err += d;
      stderr?.write(d);
    });
    const timer = timeoutMs
      ? setTimeout(() => {
          err += `\n[conformance] killed after ${timeoutMs} ms\n`;
          child.kill('SIGKILL');
        }, timeoutMs)
      : undefined;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, out, err });
    });
  });
}

const readVersion = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')).version;
  } catch {
    return undefined;
  }
};

/** Installs (or reuses) the pinned Node 22 and conformance CLI under `dir`. */
export async function installConformance(dir) {
  const useOwnNode = Number(process.versions.node.split('.')[0]) >= 22;
  const nodePkg = `node-${process.platform}-${process.arch}`;
  const nodeDir = join(dir, 'node_modules', nodePkg);
  const cliDir = join(dir, 'node_modules', '@modelcontextprotocol', 'conformance');
  const wanted = [`@modelcontextprotocol/conformance@${CONFORMANCE_VERSION}`];
  if (!useOwnNode) wanted.push(`${nodePkg}@${NODE_VERSION}`);
  const fresh =
    readVersion(join(cliDir, 'package.json')) === CONFORMANCE_VERSION &&
    (useOwnNode || readVersion(join(nodeDir, 'package.json')) === NODE_VERSION);
  if (!fresh) {
    mkdirSync(dir, { recursive: true });
    console.log(`installing ${wanted.join(' ')} into ${dir}`);
    const npmArgs = ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts'];
    const res = await exec('npm', [...npmArgs, '--loglevel=error', ...wanted]);
    if (res.code !== 0) throw new Error(`npm install failed (exit ${res.code}):\n${res.err.slice(-2000)}`);
  }
  const node = useOwnNode ? process.execPath : join(nodeDir, 'bin', 'node');
  const cli = join(cliDir, 'dist', 'index.js');
  if (!existsSync(node) || !existsSync(cli)) throw new Error(`install in ${dir} is incomplete (missing ${node} or ${cli})`);
  const undici = createRequire(join(cliDir, 'package.json')).resolve('undici');
  const nodeVersion = (await exec(node, ['--version'])).out.trim();
  return { node, cli, undici, nodeVersion };
}

/**
 * Starts a Node process and resolves with the first capture of `pattern` in its output. The
 * process is killed by the cleanup pushed onto `cleanups`.
 */
export function launch(args, env, pattern, what, cleanups) {
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

/** One JSON call to the API; throws on a non-2xx answer. */
export async function apiCall(base, method, path, body, token) {
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

/**
 * Starts the built API (`npx nx build api`) on a fresh embedded database with a first admin, and
 * signs in. Private URLs are allowed: the servers it is pointed at listen on localhost.
 */
export async function startApi(cleanups, apiMain = API_MAIN) {
  if (!existsSync(apiMain)) throw new Error(`${apiMain} is missing: run \`npx nx build api\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'mcp-fleet-conformance-data-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const apiUrl = await launch(
    [apiMain],
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
    cleanups,
  );
  const { accessToken } = await apiCall(apiUrl, 'POST', '/api/auth/login', ADMIN);
  return { apiUrl, accessToken };
}

/** Runs the cleanups, last first, ignoring their errors. */
export function runCleanups(cleanups) {
  for (const cleanup of cleanups.reverse()) {
    try {
      cleanup();
    } catch {
      // best effort
    }
  }
}
