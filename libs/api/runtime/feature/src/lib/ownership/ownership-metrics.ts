import { Counter, Gauge, Histogram, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}

/** Servers this replica holds a lease on, set at every renewal. */
export const ownedServers =
  (register.getSingleMetric('mcp_instance_owned_servers') as Gauge | undefined) ??
  new Gauge({ name: 'mcp_instance_owned_servers', help: 'Servers this replica owns (holds a live lease on)' });

/** Acquisitions of a server by this replica, by reason: placement, takeover (owner lost), handover (owner left). */
export const acquisitions = counter('mcp_lease_acquisitions_total', 'Servers this replica acquired, by reason', ['reason']);

/** Leases this replica lost without releasing them (another replica took over, or it fenced itself). */
export const leasesLost = counter('mcp_lease_lost_total', 'Leases this replica lost, by cause', ['cause']);

/** Operations forwarded to the owning replica, by outcome: answered, unavailable. */
export const forwards = counter(
  'mcp_forwarded_operations_total',
  'Operations forwarded to the replica that owns the server, by outcome: answered, unavailable',
  ['kind', 'outcome'],
);

export const forwardSeconds =
  (register.getSingleMetric('mcp_forwarded_operation_duration_seconds') as Histogram<'kind'> | undefined) ??
  new Histogram({
    name: 'mcp_forwarded_operation_duration_seconds',
    help: 'Round trip of an operation forwarded to the owning replica',
    labelNames: ['kind'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5, 30],
  });
