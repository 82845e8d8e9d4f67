import { Counter, Gauge, register } from 'prom-client';

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
