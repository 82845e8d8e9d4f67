import type { NewServer } from '@mcp-fleet/api/servers/data-access';
import { type RegisterServerRequest, SERVER_LIMITS, type ServerConfig } from '@mcp-fleet/shared/contracts';

/** A freshly registered server: stopped, wanted stopped, health unknown, no metrics yet. */
export function newServer(id: string, request: RegisterServerRequest, config: ServerConfig): NewServer {
  return {
    id,
    name: request.name,
    description: request.description ?? '',
    type: request.type ?? SERVER_LIMITS.defaultType,
    transport: request.transport,
    config,
    enabled: request.enabled ?? true,
    tags: request.tags ?? [],
    state: 'stopped',
    status: 'stopped',
    desiredState: 'stopped',
    health: { status: 'unknown', reason: null, lastCheckedAt: null, consecutiveFailures: 0, latencyMs: null },
    metrics: { requestCount: 0, errorCount: 0, averageResponseTimeMs: null, restartCount: 0, lastStartedAt: null },
  };
}
