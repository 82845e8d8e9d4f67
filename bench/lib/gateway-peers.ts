import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { captureOutput, exitStatus, findFreePort, stopChild } from './api-process';

/** Other programs that expose a stdio MCP server over Streamable HTTP, run from node_modules. */
export type PeerName = 'mcp-proxy' | 'supergateway';

export interface Peer {
  name: PeerName;
  version: string;
  /** The Streamable HTTP endpoint. */
  url: string;
  /** How it was started, with the repository's folders and this Node's path left out. */
  commandLine: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;

/**
 * Each peer with what its README asks for to wrap a stdio server as Streamable HTTP, stateful:
 * mcp-proxy keeps a session per 2025-era client by default (one upstream process for all),
 * supergateway needs `--stateful` (then one child per session). Logging off, like the API's.
 */
const ARGUMENTS: Record<PeerName, (port: string, command: string[]) => string[]> = {
  'mcp-proxy': (port, command) => ['--port', port, '--host', '127.0.0.1', '--server', 'stream', '--', ...command],
  supergateway: (port, command) => [
    '--stdio',
    command.map(shellQuote).join(' '),
    '--outputTransport',
    'streamableHttp',
    '--stateful',
    '--port',
    port,
    '--logLevel',
    'none',
  ],
};

/** Starts `name` in front of `command` (spawned by the peer) on a free port and waits until it answers HTTP. */
export async function launchPeer(root: string, name: PeerName, command: string[]): Promise<Peer> {
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
    version: string;
    bin: string | Record<string, string>;
  };
  const bin = join(root, 'node_modules', name, typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[name]);
  const port = String(await findFreePort());
  const args = ARGUMENTS[name](port, command);
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `http://127.0.0.1:${port}/mcp`;
  const peer: Peer = {
    name,
    version: manifest.version,
    url,
    commandLine: [
      name,
      ...ARGUMENTS[name](
        '<port>',
        command.map((word) => shown(root, word)),
      ),
    ].join(' '),
    stop: async () => {
      await stopChild(child);
      process.removeListener('exit', killOnExit);
    },
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answers(url))) {
    const status = exitStatus(child);
    if (status || Date.now() > deadline) {
      await peer.stop();
      throw new Error(`${name} ${status ?? 'did not answer HTTP in time'}:\n${output()}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return peer;
}

/** The HTTP floor (`http-floor-server.mjs`): Streamable HTTP answered at once, no MCP server behind. */
export async function launchHttpFloor(root: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = String(await findFreePort());
  const child = spawn(process.execPath, [join(root, 'bench', 'lib', 'http-floor-server.mjs'), port], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child);
  const url = `http://127.0.0.1:${port}/mcp`;
  const stop = () => stopChild(child);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answers(url))) {
    const status = exitStatus(child);
    if (status || Date.now() > deadline) {
      await stop();
      throw new Error(`the HTTP floor ${status ?? 'did not answer HTTP in time'}:\n${output()}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return { url, stop };
}

/** Any HTTP answer (a GET without a session is refused) means the peer listens. */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** A path as the report shows it: relative to the repository, and `node` for this Node. */
function shown(root: string, word: string): string {
  return word === process.execPath ? 'node' : word.startsWith(`${root}/`) ? `.${word.slice(root.length)}` : word;
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
