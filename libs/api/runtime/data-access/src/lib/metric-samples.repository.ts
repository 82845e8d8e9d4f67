import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';
import type { FleetMetricPoint, HealthStatus, MetricPoint } from '@mcp-fleet/shared/contracts';

export interface MetricSample {
  serverId: string;
  sampledAt: Date;
  probeLatencyMs: number | null;
  /** The health probe's verdict when the sample was taken. */
  health: HealthStatus;
  cpuPercent: number | null;
  memoryMb: number | null;
  requests: number;
  errors: number;
}

/** Per-server samples for charts, rolled up into buckets of `step` seconds when read. */
@Injectable()
export class MetricSamplesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertMany(samples: MetricSample[]): Promise<void> {
    if (samples.length === 0) return;
    await queryRows(
      this.dataSource,
      `INSERT INTO server_metric_samples (server_id, sampled_at, probe_latency_ms, health, cpu_percent, memory_mb, requests, errors)
       SELECT server_id, sampled_at, probe_latency_ms, health, cpu_percent, memory_mb, requests, errors
       FROM jsonb_to_recordset($1::jsonb) AS r(server_id uuid, sampled_at timestamptz, probe_latency_ms real, health text, cpu_percent real,
         memory_mb real, requests int, errors int)
       WHERE EXISTS (SELECT 1 FROM mcp_servers WHERE id = r.server_id)
       ON CONFLICT DO NOTHING`,
      [
        JSON.stringify(
          samples.map((s) => ({
            server_id: s.serverId,
            sampled_at: s.sampledAt.toISOString(),
            probe_latency_ms: s.probeLatencyMs,
            health: s.health,
            cpu_percent: s.cpuPercent,
            memory_mb: s.memoryMb,
            requests: s.requests,
            errors: s.errors,
          })),
        ),
      ],
    );
  }

  /** Buckets of `stepSeconds` between from and to: latency and CPU averaged, memory at its peak, requests summed. */
  async rollup(serverId: string, from: Date, to: Date, stepSeconds: number): Promise<MetricPoint[]> {
    const rows = await queryRows<{
      at: Date;
      probeLatencyMs: number | null;
      cpuPercent: number | null;
      memoryMb: number | null;
      requests: number;
      errors: number;
      samples: number;
    }>(
      this.dataSource,
      `SELECT date_bin(make_interval(secs => $4), sampled_at, $2::timestamptz) AS at,
         round(avg(probe_latency_ms)::numeric, 1)::float AS "probeLatencyMs", round(avg(cpu_percent)::numeric, 2)::float AS "cpuPercent",
         max(memory_mb)::float AS "memoryMb", sum(requests)::int AS requests, sum(errors)::int AS errors, count(*)::int AS samples
       FROM server_metric_samples
       WHERE server_id = $1 AND sampled_at >= $2 AND sampled_at < $3
       GROUP BY 1 ORDER BY 1`,
      [serverId, from, to, stepSeconds],
    );
    return rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
  }

  /**
   * The fleet's chart data: each server's samples rolled up per bucket first (mean CPU, peak
   * memory, summed calls, unhealthy if a probe failed in any of its samples), then summed over the servers,
   * so a server sampled twice in a bucket does not count twice. `ids` limits it to those servers.
   */
  async fleetRollup(from: Date, to: Date, stepSeconds: number, ids?: readonly string[]): Promise<FleetMetricPoint[]> {
    const rows = await queryRows<Omit<FleetMetricPoint, 'at'> & { at: Date }>(
      this.dataSource,
      `WITH per_server AS (
         SELECT date_bin(make_interval(secs => $3), sampled_at, $1::timestamptz) AS at, server_id,
                avg(cpu_percent) AS cpu, max(memory_mb) AS memory, sum(requests) AS requests, sum(errors) AS errors,
                bool_or(health IN ('degraded', 'unhealthy')) AS unhealthy
           FROM server_metric_samples
          WHERE sampled_at >= $1 AND sampled_at < $2 AND ($4::uuid[] IS NULL OR server_id = ANY($4::uuid[]))
          GROUP BY 1, 2
       )
       SELECT at, count(*)::int AS servers, count(*) FILTER (WHERE unhealthy)::int AS unhealthy, round(sum(cpu)::numeric, 2)::float AS "cpuPercent",
              round(sum(memory)::numeric, 1)::float AS "memoryMb", sum(requests)::int AS requests, sum(errors)::int AS errors
         FROM per_server GROUP BY at ORDER BY at`,
      [from, to, stepSeconds, ids ?? null],
    );
    return rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      this.dataSource,
      `WITH gone AS (DELETE FROM server_metric_samples WHERE sampled_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [cutoff],
    );
    return rows[0]?.n ?? 0;
  }
}
