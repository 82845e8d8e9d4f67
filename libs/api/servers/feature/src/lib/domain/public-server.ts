import { maskSecrets } from '@mcp-fleet/api/servers/data-access';
import type { ServerConfig } from '@mcp-fleet/shared/contracts';

/** Every server that leaves the feature (responses, events, list pages) goes through here. */
export function toPublicServer<T extends { config: ServerConfig }>(server: T): T {
  return { ...server, config: maskSecrets(server.config) };
}
