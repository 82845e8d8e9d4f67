import type { ServerConfig, ServerTransport } from '@mcp-fleet/shared/contracts';

/** What a run of a server was made from: its stored transport and config (secrets sealed) at the start. */
export interface RunLaunch {
  transport: ServerTransport;
  config: ServerConfig;
}
