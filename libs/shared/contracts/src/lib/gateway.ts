/**
 * The MCP gateway: one Streamable HTTP endpoint for the fleet (`/mcp`) and one per server
 * (`/mcp/<server-name>`), on the API's own port. These are the names and rules both the API and
 * the console use.
 */

/** Between a server's name and its tool or prompt name in the fleet endpoint: `files__read_file`. */
export const GATEWAY_SEPARATOR = '__';

/** The fleet endpoint's path, and a server's. */
export const GATEWAY_PATH = '/mcp';
export function gatewayServerPath(serverName: string): string {
  return `${GATEWAY_PATH}/${encodeURIComponent(serverName)}`;
}

/** A tool (or prompt) name in the fleet endpoint. */
export function fleetName(serverName: string, name: string): string {
  return `${serverName}${GATEWAY_SEPARATOR}${name}`;
}

/**
 * The server and the name a fleet-endpoint name stands for. Server names may hold `_` (even
 * `__`), so every split at a separator is tried, the longest server name first: with servers `a`
 * and `a__b`, `a__b__c` is `c` on `a__b` (and a tool `b__c` on `a` is reachable on `/mcp/a`).
 */
export function splitFleetName(prefixed: string, isServer: (name: string) => boolean): { serverName: string; name: string } | null {
  let at = prefixed.lastIndexOf(GATEWAY_SEPARATOR);
  while (at > 0) {
    const serverName = prefixed.slice(0, at);
    const name = prefixed.slice(at + GATEWAY_SEPARATOR.length);
    if (name.length > 0 && isServer(serverName)) {
      return { serverName, name };
    }
    at = prefixed.lastIndexOf(GATEWAY_SEPARATOR, at - 1);
  }
  return null;
}

/** A resource URI that two servers both list is exposed as `mcp-fleet://<server>/<encoded original>`. */
export const FLEET_URI_SCHEME = 'mcp-fleet:';

/** What the console's Gateway page shows: where to connect and how it is doing. */
export interface GatewayInfo {
  /** Absolute URLs as this request reached the API (behind a proxy: its public address). */
  fleetUrl: string;
  servers: { serverId: string; name: string; url: string; state: string; tools: number; enabledTools: number }[];
  /** The protocol revisions the gateway speaks inbound. */
  protocolVersions: string[];
  separator: string;
  figures: GatewayFigures;
}

/** Since this replica started (counters are per replica, as in /metrics). */
export interface GatewayFigures {
  requests: number;
  errors: number;
  activeSessions: number;
  /** Median and 99th percentile of the gateway's own handling time, in ms; null before any request. */
  p50Ms: number | null;
  p99Ms: number | null;
  byServer: { serverName: string; requests: number; errors: number }[];
}

/** `PATCH /api/mcp/servers/:id/tools/:tool` */
export interface UpdateToolRequest {
  enabled: boolean;
}

export interface ToolSwitch {
  serverId: string;
  tool: string;
  enabled: boolean;
}
