import { maskSecrets } from '@mcp-fleet/api/servers/data-access';
import type { McpServer } from '@mcp-fleet/shared/contracts';

/** Every server that leaves the feature (responses, events) goes through here. */
export function toPublicServer(server: McpServer): McpServer {
  return { ...server, config: maskSecrets(server.config) };
}
