import { Counter, Histogram, register } from 'prom-client';

type Labels = 'operation' | 'server_type';

/** Lifecycle commands by outcome and duration; created once per process. */
const operations =
  (register.getSingleMetric('mcp_server_operations_total') as Counter<Labels | 'status'> | undefined) ??
  new Counter({
    name: 'mcp_server_operations_total',
    help: 'Lifecycle commands (start, stop, restart, maintenance) by outcome: success, failure (the server failed), rejected (not allowed now)',
    labelNames: ['operation', 'server_type', 'status'],
  });

const durations =
  (register.getSingleMetric('mcp_server_operation_duration_seconds') as Histogram<Labels> | undefined) ??
  new Histogram({
    name: 'mcp_server_operation_duration_seconds',
    help: 'Duration of lifecycle commands',
    labelNames: ['operation', 'server_type'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  });

export function recordOperation(operation: string, serverType: string, status: 'success' | 'failure' | 'rejected', seconds: number): void {
  operations.inc({ operation, server_type: serverType, status });
  durations.observe({ operation, server_type: serverType }, seconds);
}
