import type { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, type StdioClientTransport } from '@modelcontextprotocol/client/stdio';

import { errorMessage } from './cleanup';
import { InPlaceStdioTransport, sessionClient } from './mcp-client';

export interface BaselineLaunch {
  command: string;
  args: string[];
  /** Added to the SDK's default environment (the run's marker). */
  env: Record<string, string>;
  /** As the API's defaults: handshake, then each list request. */
  startupTimeoutMs: number;
  requestTimeoutMs: number;
}

export interface BaselineSession {
  client: Client;
  transport: StdioClientTransport;
}

export interface BaselineStart {
  sessions: BaselineSession[];
  /** Start of each server, spawn to the end of the catalog listing. */
  itemMs: number[];
  failures: string[];
  /** Negotiated protocol version → servers. */
  protocolVersions: Record<string, number>;
}

/**
 * Starts `count` copies of the server with the bare SDK client, `concurrency` at a time (as the
 * bulk handler does): spawn, handshake with `versionNegotiation: auto`, then tools, resources
 * and prompts listed in parallel (those the server offers), as the API does on every start.
 */
export async function startBaseline(launch: BaselineLaunch, count: number, concurrency: number): Promise<BaselineStart> {
  const result: BaselineStart = { sessions: [], itemMs: [], failures: [], protocolVersions: {} };
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const begun = performance.now();
      const client = sessionClient('auto');
      const transport = new InPlaceStdioTransport({
        command: launch.command,
        args: launch.args,
        env: { ...getDefaultEnvironment(), ...launch.env },
        // Read, like the API reads its servers' stderr.
        stderr: 'pipe',
      });
      transport.stderr?.on('data', () => undefined);
      try {
        await client.connect(transport, { timeout: launch.startupTimeoutMs });
        result.sessions.push({ client, transport });
        await listCatalog(client, launch.requestTimeoutMs);
        result.itemMs.push(performance.now() - begun);
        const version = client.getNegotiatedProtocolVersion() ?? 'unknown';
        result.protocolVersions[version] = (result.protocolVersions[version] ?? 0) + 1;
      } catch (error) {
        result.failures.push(`server ${index}: ${errorMessage(error)}`);
        await client.close().catch(() => undefined);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return result;
}

async function listCatalog(client: Client, timeoutMs: number): Promise<void> {
  const capabilities = client.getServerCapabilities() ?? {};
  const options = { timeout: timeoutMs };
  await Promise.all([
    capabilities.tools ? client.listTools(undefined, options) : undefined,
    capabilities.resources ? client.listResources(undefined, options) : undefined,
    capabilities.prompts ? client.listPrompts(undefined, options) : undefined,
  ]);
}

/**
 * Closes every client, `concurrency` at a time. The SDK's close ends stdin and waits for the
 * process to exit (SIGTERM after 2 s, then SIGKILL, if it does not).
 */
export async function stopBaseline(sessions: BaselineSession[], concurrency: number): Promise<{ failures: string[] }> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < sessions.length) {
      const index = next++;
      await sessions[index].client.close().catch((error: unknown) => failures.push(`server ${index}: ${errorMessage(error)}`));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, sessions.length) }, worker));
  return { failures };
}
