import type { RegistryServer, RunLaunch } from '@mcp-fleet/api/servers/data-access';
import { fieldsAppliedAtNextStart, type McpServer } from '@mcp-fleet/shared/contracts';

import { diffServers } from './server-diff';

/** States in which a process (or connection) made from some config exists. */
export const LIVE_STATES: readonly McpServer['state'][] = ['starting', 'running'];

/**
 * The paths a live server would take only at its next start and that differ between the config
 * its run was made from and the stored one. The same rule as PATCH's `appliesAtNextStart`,
 * computed on sealed values so a changed secret counts, and naming paths only.
 */
export function pendingPaths(server: RegistryServer, launch: RunLaunch | null): string[] {
  if (!launch || !LIVE_STATES.includes(server.state)) {
    return [];
  }
  const launched = { ...server, transport: launch.transport, config: launch.config };
  return fieldsAppliedAtNextStart(diffServers(launched, server).map((change) => change.field));
}

/**
 * The server (stored, sealed: mask it after) with `pendingRestart` and `pendingPaths` from its
 * run's launch: what every answer that carries a server shows.
 */
export function withPendingRestart<T extends RegistryServer>(server: T, launch: RunLaunch | null): T {
  const paths = pendingPaths(server, launch);
  return { ...server, pendingRestart: paths.length > 0, pendingPaths: paths };
}
