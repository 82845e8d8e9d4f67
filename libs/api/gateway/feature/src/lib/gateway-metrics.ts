import { Counter, Gauge, Histogram, register } from 'prom-client';

function single<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

/** Every MCP request through the gateway, by server (`-` for the fleet's own answers), method and outcome. */
export const gatewayRequests = single(
  'mcp_gateway_requests_total',
  () =>
    new Counter({
      name: 'mcp_gateway_requests_total',
      help: 'MCP requests through the gateway, by server, method and outcome (ok, error, denied)',
      labelNames: ['server_name', 'method', 'outcome'],
    }),
);

/** The gateway's handling time of a request, the server's own time included. */
export const gatewayDuration = single(
  'mcp_gateway_request_duration_seconds',
  () =>
    new Histogram({
      name: 'mcp_gateway_request_duration_seconds',
      help: 'Time from an MCP request reaching the gateway to its answer, the server included',
      labelNames: ['method'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
);

/** Sessions (session-era clients) and open streams (both eras) this replica serves. */
export const gatewaySessions = single(
  'mcp_gateway_active_sessions',
  () => new Gauge({ name: 'mcp_gateway_active_sessions', help: 'MCP sessions active on this replica in the last 10 minutes' }),
);

export const gatewayStreams = single(
  'mcp_gateway_open_streams',
  () => new Gauge({ name: 'mcp_gateway_open_streams', help: 'Open server-to-client streams (GET or subscriptions/listen)' }),
);
