import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';
import type { ServerHealth, ServerState } from '@mcp-fleet/shared/contracts';

import { liveMetricsSql, SERVERS_WITH_FIGURES } from './live-figures';
import { preparedRows } from './prepared';

/** Aggregates over every server; see `fleetFigures`. */
export interface FleetFigures {
  byState: Partial<Record<ServerState, number>>;
  unhealthy: number;
  degraded: number;
  /** Tool calls of the servers that have an average response time. */
  requests: number;
  /** Sum over servers of requestCount × averageResponseTimeMs. */
  weightedResponseMs: number;
}

/** What the Prometheus gauges show of one server. */
export interface ServerGaugeRow {
  name: string;
  type: string;
  state: ServerState;
  healthy: boolean;
  restarts: number;
  requests: number;
  errors: number;
  memoryMb: number | null;
  cpuPercent: number | null;
}

/** The live figures of some servers as JSON text, ready to be spliced into a response. */
export interface FiguresJson {
  serverId: string;
  health: string;
  metrics: string;
}

/**
 * Writes and aggregate reads of server_live_figures. None of these writes touches the registry
 * row, so none of them moves the registry revision or empties a list cache, but a changed drift
 * count (rare, and a list filter).
 */
@Injectable()
export class LiveFiguresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A probe's verdict, stored only while the server is still running (a stop may have won the race). */
  async updateHealth(id: string, health: ServerHealth): Promise<boolean> {
    const rows = await this.rows<{ id: string }>(
      `UPDATE server_live_figures f SET health = $2 FROM mcp_servers s
        WHERE f.server_id = $1 AND s.id = f.server_id AND s.state = 'running' RETURNING f.server_id AS id`,
      [id, JSON.stringify(health)],
    );
    return rows.length > 0;
  }

  /** Replaces the health verdict whatever the state (a server given up on keeps its reason). */
  async setHealth(id: string, health: ServerHealth): Promise<void> {
    await this.rows(`UPDATE server_live_figures SET health = $2 WHERE server_id = $1`, [id, JSON.stringify(health)]);
  }

  /**
   * Adds request counts to the stored metrics in one statement (no read-modify-write race with
   * another instance); the average is weighted by the counts.
   */
  async addRequestMetrics(id: string, requests: number, errors: number, totalMs: number): Promise<void> {
    await this.rows(
      `UPDATE server_live_figures SET metrics = metrics
         || jsonb_build_object('requestCount', (metrics->>'requestCount')::bigint + $2::bigint)
         || jsonb_build_object('errorCount', (metrics->>'errorCount')::bigint + $3::bigint)
         || jsonb_build_object('successRate', round(
              ((metrics->>'requestCount')::numeric + $2::numeric - (metrics->>'errorCount')::numeric - $3::numeric)
              / nullif((metrics->>'requestCount')::numeric + $2::numeric, 0), 4))
         || jsonb_build_object('averageResponseTimeMs', round((
              coalesce((metrics->>'averageResponseTimeMs')::numeric, 0) * (metrics->>'requestCount')::numeric + $4::numeric
            ) / ((metrics->>'requestCount')::numeric + $2::numeric), 1))
       WHERE server_id = $1`,
      [id, requests, errors, totalMs],
    );
  }

  /** The resource sample of a running server (merged into its metrics). */
  async updateUsage(id: string, usage: { memoryUsageMb: number | null; cpuUsagePercent: number | null }): Promise<void> {
    await this.rows(
      `UPDATE server_live_figures f SET metrics = f.metrics || $2::jsonb FROM mcp_servers s
        WHERE f.server_id = $1 AND s.id = f.server_id AND s.state = 'running'`,
      [id, JSON.stringify(usage)],
    );
  }

  /** Forgets the resource figures of a server that stopped. */
  async clearUsage(id: string): Promise<void> {
    await this.rows(
      `UPDATE server_live_figures SET metrics = metrics || '{"memoryUsageMb": null, "cpuUsagePercent": null}'::jsonb
       WHERE server_id = $1 AND (metrics->>'memoryUsageMb' IS NOT NULL OR metrics->>'cpuUsagePercent' IS NOT NULL)`,
      [id],
    );
  }

  /**
   * How many definitions of the server differ from their approved ones (tool-drift control). Only
   * a different count is written: a change moves the registry revision (the list filters on it).
   */
  async setDriftCount(id: string, count: number): Promise<void> {
    await this.rows(`UPDATE server_live_figures SET drift_count = $2 WHERE server_id = $1 AND drift_count <> $2`, [id, count]);
  }

  /** Every server's figures as JSON text (uptime computed now), for the list's read-time merge. */
  async allFiguresJson(): Promise<FiguresJson[]> {
    return preparedRows<FiguresJson>(
      this.dataSource,
      `SELECT f.server_id AS "serverId", f.health::text AS health, ${liveMetricsSql()}::text AS metrics FROM ${SERVERS_WITH_FIGURES}`,
      [],
    );
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = await this.rows<{ state: string; count: number }>(
      `SELECT state, count(*)::int AS count FROM mcp_servers GROUP BY state`,
      [],
    );
    return Object.fromEntries(rows.map((row) => [row.state, row.count]));
  }

  /**
   * The fleet at a glance in one aggregate (one row per state, never the servers themselves):
   * counts, health verdicts, and the sums from which the request-weighted mean response time follows.
   * With `ids` (a server-scoped reader), over those servers only.
   */
  async fleetFigures(ids?: readonly string[]): Promise<FleetFigures> {
    const rows = await preparedRows<{
      state: ServerState;
      count: number;
      unhealthy: number;
      degraded: number;
      requests: string | null;
      weightedMs: string | null;
    }>(
      this.dataSource,
      `SELECT s.state, count(*)::int AS count,
         count(*) FILTER (WHERE f.health->>'status' = 'unhealthy')::int AS unhealthy,
         count(*) FILTER (WHERE f.health->>'status' = 'degraded')::int AS degraded,
         sum((f.metrics->>'requestCount')::numeric) FILTER (WHERE f.metrics->>'averageResponseTimeMs' IS NOT NULL) AS requests,
         sum((f.metrics->>'requestCount')::numeric * (f.metrics->>'averageResponseTimeMs')::numeric) AS "weightedMs"
       FROM ${SERVERS_WITH_FIGURES} ${ids ? 'WHERE s.id = ANY($1::uuid[])' : ''} GROUP BY s.state`,
      ids ? [ids] : [],
    );
    const figures: FleetFigures = { byState: {}, unhealthy: 0, degraded: 0, requests: 0, weightedResponseMs: 0 };
    for (const row of rows) {
      figures.byState[row.state] = row.count;
      figures.unhealthy += row.unhealthy;
      figures.degraded += row.degraded;
      figures.requests += Number(row.requests ?? 0);
      figures.weightedResponseMs += Number(row.weightedMs ?? 0);
    }
    return figures;
  }

  /** What the Prometheus gauges show, for every server, in one query. */
  async gaugeSnapshot(): Promise<ServerGaugeRow[]> {
    return this.rows(
      `SELECT s.name, s.type, s.state, (f.health->>'status') = 'healthy' AS healthy,
         (f.metrics->>'memoryUsageMb')::float AS "memoryMb", (f.metrics->>'cpuUsagePercent')::float AS "cpuPercent",
         coalesce((f.metrics->>'restartCount')::int, 0) AS restarts, coalesce((f.metrics->>'requestCount')::bigint, 0)::int AS requests,
         coalesce((f.metrics->>'errorCount')::bigint, 0)::int AS errors
       FROM ${SERVERS_WITH_FIGURES} ORDER BY s.name`,
      [],
    );
  }

  private rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return queryRows<T>(this.dataSource, sql, params);
  }
}
