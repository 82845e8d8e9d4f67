import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { processCpuMs } from './cpu';

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_LINES_KEPT = 40;

export interface ApiOptions {
  mainPath: string;
  /** Undefined runs the API on its embedded PostgreSQL (PGlite under the run's DATA_DIR). */
  databaseUrl: string | undefined;
  /** Passed as DATABASE_POOL_SIZE; undefined keeps the API's default. */
  poolSize: number | undefined;
  /** More settings for the API (e.g. BULK_CONCURRENCY), applied last. */
  env?: Record<string, string>;
}

/** The first admin the API creates on its empty database, for the benchmark to sign in as. */
export interface AdminCredentials {
  email: string;
  password: string;
}

export interface ApiProcess {
  url: string;
  pid: number;
  admin: AdminCredentials;
  waitUntilReady(): Promise<void>;
  /** Total user + system CPU time of the API process so far, or undefined off Linux. */
  cpuMs(): Promise<number | undefined>;
  /** How the process ended ("exited with code 1", "killed by SIGKILL"), undefined while it runs. */
  exitStatus(): string | undefined;
  /** The last lines the API printed, to explain a failure. */
  recentOutput(): string;
  stop(): Promise<void>;
}

/** Spawns the built API; register `stop` for cleanup before awaiting `waitUntilReady`. */
export async function launchApi(options: ApiOptions): Promise<ApiProcess> {
  if (!existsSync(options.mainPath)) {
    throw new Error(`${options.mainPath} is missing: build the API first (NX_DAEMON=false npx nx build api)`);
  }
  const port = await findFreePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'mcp-fleet-bench-'));
  const admin = { email: 'bench-admin@mcp-fleet.example', password: randomBytes(24).toString('base64url') };
  const child = spawn(process.execPath, [options.mainPath], {
    env: apiEnv(options, port, dataDir, admin),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  const killOnExit = () => child.kill('SIGKILL');
  // Last resort if the benchmark dies without running its cleanup.
  process.once('exit', killOnExit);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    pid: child.pid ?? -1,
    admin,
    waitUntilReady: () => waitUntilReady(url, child, output),
    cpuMs: () => processCpuMs(child.pid),
    exitStatus: () => exitStatus(child),
    recentOutput: output,
    stop: async () => {
      await stopChild(child);
      process.removeListener('exit', killOnExit);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * With LOG_LEVEL=warn the API does not log its "listening" line, so the benchmark
 * picks the port itself rather than reading it from PORT=0's log output.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('Could not reserve a free port'))));
    });
  });
}

function apiEnv(options: ApiOptions, port: number, dataDir: string, admin: AdminCredentials): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    // Per-request info logs would cost more than some of the requests they describe.
    LOG_LEVEL: 'warn',
    // Production mode wants its keys; these live only as long as the throwaway database.
    JWT_SECRET: randomBytes(32).toString('hex'),
    SECRETS_KEY: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    // One sign-in must outlast the whole run.
    ACCESS_TOKEN_TTL_SECONDS: '3600',
  };
  setOrDelete(env, 'DATABASE_URL', options.databaseUrl);
  setOrDelete(env, 'DATABASE_POOL_SIZE', options.poolSize === undefined ? undefined : String(options.poolSize));
  return { ...env, ...options.env };
}

function setOrDelete(env: NodeJS.ProcessEnv, name: string, value: string | undefined): void {
  if (value === undefined) {
    delete env[name];
  } else {
    env[name] = value;
  }
}

/** Keeps the last lines of a child's output to explain a failed start; also keeps the pipes drained. */
export function captureOutput(child: ChildProcess): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_LINES_KEPT));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.join('\n');
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const status = exitStatus(child);
    if (status) {
      throw new Error(`The API ${status} during startup:\n${output()}`);
    }
    if (await isReady(url)) {
      return;
    }
    await sleep(100);
  }
  throw new Error(`The API was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL if the child is still there after a grace period. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (await signalAndWait(child, 'SIGTERM', STOP_GRACE_MS)) {
    return;
  }
  await signalAndWait(child, 'SIGKILL', STOP_GRACE_MS);
}

/** True once the child has exited (or already had). */
function signalAndWait(child: ChildProcess, signal: NodeJS.Signals, timeoutMs: number): Promise<boolean> {
  if (exitStatus(child)) {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.removeListener('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
    child.kill(signal);
  });
}

export function exitStatus(child: ChildProcess): string | undefined {
  if (child.signalCode !== null) {
    return `was killed by ${child.signalCode}`;
  }
  return child.exitCode === null ? undefined : `exited with code ${child.exitCode}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
