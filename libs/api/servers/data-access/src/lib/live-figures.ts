import type { ServerHealth, ServerMetrics } from '@mcp-fleet/shared/contracts';

/*
 * The live figures of a server (health verdict, request and resource metrics) live in
 * server_live_figures, one row per server, apart from the registry row: they change on every
 * probe and sample, the registry only when someone edits it. Reads join the two.
 */

/** The metrics of `f` (server_live_figures) as served: the uptime is computed now, never stored. */
export function liveMetricsSql(server = 's', figures = 'f'): string {
  return `(${figures}.metrics || jsonb_build_object('uptimeSeconds',
    CASE WHEN ${server}.state = 'running' AND ${figures}.metrics->>'lastStartedAt' IS NOT NULL
      THEN floor(extract(epoch FROM now() - (${figures}.metrics->>'lastStartedAt')::timestamptz))::int
      ELSE 0 END))`;
}

/** The registry row joined with its live figures. */
export const SERVERS_WITH_FIGURES = 'mcp_servers s JOIN server_live_figures f ON f.server_id = s.id';

export const INITIAL_HEALTH: ServerHealth = {
  status: 'unknown',
  reason: null,
  lastCheckedAt: null,
  consecutiveFailures: 0,
  latencyMs: null,
};

export const INITIAL_METRICS: ServerMetrics = {
  requestCount: 0,
  errorCount: 0,
  averageResponseTimeMs: null,
  restartCount: 0,
  lastStartedAt: null,
};
