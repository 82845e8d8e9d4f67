import { join, resolve } from 'node:path';

import { Client } from 'pg';

/**
 * The list under a live fleet: N servers running real MCP processes (the v2 fixture) with
 * health probes every `probeIntervalMs`, so probes and resource samples write live figures the
 * whole time. Measures what those writes do to the list: the share of list requests the page
 * cache still answers, and whether the registry revision moved.
 */
export interface LiveFleetFigures {
  runningServers: number;
  probeIntervalMs: number;
  /** list lookups answered from the cache during the measured run / all lookups. */
  cacheHitRate: number;
  cacheLookups: number;
  revisionBefore: string;
  revisionAfter: string;
}

const FIXTURE = resolve(__dirname, '..', '..', 'tools', 'mcp-fixtures', 'v2-server.mjs');

export async function startLiveFleet(
  url: string,
  headers: Record<string, string>,
  count: number,
  probeIntervalMs: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const response = await fetch(`${url}/api/mcp/servers`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `live-${String(n).padStart(3, '0')}`,
        transport: 'stdio',
        config: { command: process.execPath, args: [FIXTURE], healthCheckIntervalMs: probeIntervalMs },
      }),
    });
    if (response.status !== 201) {
      throw new Error(`Registering live-${n} answered ${response.status}: ${await response.text()}`);
    }
    ids.push(((await response.json()) as { id: string }).id);
  }
  for (let from = 0; from < ids.length; from += 100) {
    const response = await fetch(`${url}/api/mcp/servers/bulk/start`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ serverIds: ids.slice(from, from + 100) }),
    });
    const body = (await response.json()) as { failed?: number };
    if (response.status !== 200 || body.failed !== 0) {
      throw new Error(`Starting the live fleet answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
    }
  }
  return ids;
}

export async function stopLiveFleet(url: string, headers: Record<string, string>, ids: string[]): Promise<void> {
  for (let from = 0; from < ids.length; from += 100) {
    await fetch(`${url}/api/mcp/servers/bulk/stop`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ serverIds: ids.slice(from, from + 100) }),
    });
  }
}

/** `mcp_list_cache_lookups_total` by result, from the API's /metrics. */
export async function cacheLookups(url: string, headers: Record<string, string>): Promise<{ hit: number; miss: number }> {
  const text = await (await fetch(`${url}/metrics`, { headers })).text();
  const value = (result: string) =>
    Number(new RegExp(`^mcp_list_cache_lookups_total\\{result="${result}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return { hit: value('hit'), miss: value('miss') };
}

export async function registryRevision(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ revision: string }>('SELECT revision FROM registry_revision WHERE id = 1')).rows[0].revision;
  } finally {
    await client.end();
  }
}

export const LIVE_FLEET_FIXTURE = join('tools', 'mcp-fixtures', 'v2-server.mjs');
