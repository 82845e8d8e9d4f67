import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

import { queryRows } from '@mcp-fleet/api/shared/database';
import {
  type DesiredState,
  type McpServer,
  type ServerConfig,
  type ServerHealth,
  type ServerMetrics,
  type ServerSortField,
  type ServerState,
  type ServerStatus,
  type ServerTransport,
  statusOf,
} from '@mcp-fleet/shared/contracts';

/** Columns aliased to the contract's camelCase names, so rows map one to one. */
const COLUMNS = `id, name, description, type, transport, status, state,
  desired_state AS "desiredState", config, health, metrics, enabled, tags, version,
  created_at AS "createdAt", updated_at AS "updatedAt"`;

const SORT_COLUMNS: Record<ServerSortField, string> = {
  // Byte order ("C") so embedded and external PostgreSQL sort identically.
  name: 'lower(name) COLLATE "C"',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  status: 'status',
  transport: 'transport',
  type: 'type',
};

export interface ServerListFilter {
  page: number;
  pageSize: number;
  status?: ServerStatus;
  type?: string;
  transport?: ServerTransport;
  tag?: string;
  enabled?: boolean;
  search?: string;
  sortField: ServerSortField;
  sortDescending: boolean;
}

export interface NewServer {
  /** Chosen by the caller, so secrets can be sealed to the id before the row exists. */
  id: string;
  name: string;
  description: string;
  type: string;
  transport: ServerTransport;
  config: ServerConfig;
  health: ServerHealth;
  metrics: ServerMetrics;
  enabled: boolean;
  tags: string[];
  state: ServerState;
  status: ServerStatus;
  desiredState: DesiredState;
}

/** Fields an update may change; lifecycle fields belong to the supervisor. */
export type ServerChanges = Partial<Pick<NewServer, 'name' | 'description' | 'type' | 'transport' | 'config' | 'enabled' | 'tags'>>;

const CHANGE_COLUMNS: Record<keyof ServerChanges, { column: string; json?: true }> = {
  name: { column: 'name' },
  description: { column: 'description' },
  type: { column: 'type' },
  transport: { column: 'transport' },
  config: { column: 'config', json: true },
  enabled: { column: 'enabled' },
  tags: { column: 'tags' },
};

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

export type DeleteOutcome = { result: 'deleted'; name: string } | { result: 'not-found' } | { result: 'not-stopped'; state: ServerState };

interface ServerRow extends Omit<McpServer, 'createdAt' | 'updatedAt'> {
  createdAt: Date;
  updatedAt: Date;
  totalCount?: string;
}

/** Queries only: the rules live in the command handlers. */
@Injectable()
export class McpServerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: ServerListFilter): Promise<{ items: McpServer[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.status) where.push(`status = ${bind(filter.status)}`);
    if (filter.type) where.push(`type = ${bind(filter.type)}`);
    if (filter.transport) where.push(`transport = ${bind(filter.transport)}`);
    if (filter.tag) where.push(`tags @> ARRAY[${bind(filter.tag)}]::text[]`);
    if (filter.enabled !== undefined) where.push(`enabled = ${bind(filter.enabled)}`);
    if (filter.search) where.push(`name ILIKE ${bind(`%${escapeLike(filter.search)}%`)}`);
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const direction = filter.sortDescending ? 'DESC' : 'ASC';
    const limit = bind(filter.pageSize);
    const offset = bind((filter.page - 1) * filter.pageSize);

    // Page over narrow (id, sort key) rows first and read the wide jsonb columns only for
    // the page: a window count over full rows made PostgreSQL detoast every match per request.
    const rows = await this.prepared<ServerRow>(
      `WITH filtered AS (
         SELECT id, ${SORT_COLUMNS[filter.sortField]} AS sort_key FROM mcp_servers ${whereSql}
       ), page AS (
         SELECT id, sort_key FROM filtered ORDER BY sort_key ${direction}, id ASC LIMIT ${limit} OFFSET ${offset}
       )
       SELECT ${COLUMNS}, (SELECT count(*) FROM filtered) AS "totalCount"
         FROM page JOIN mcp_servers USING (id)
        ORDER BY page.sort_key ${direction}, id ASC`,
      params,
    );
    let total = rows.length > 0 ? Number(rows[0].totalCount) : 0;
    if (rows.length === 0 && filter.page > 1) {
      // Past the last page no row carries the count; count separately.
      const [{ count }] = await this.rows<{ count: string }>(
        `SELECT count(*) AS count FROM mcp_servers ${whereSql}`,
        params.slice(0, params.length - 2),
      );
      total = Number(count);
    }
    return { items: rows.map(toMcpServer), total };
  }

  /** Bumped by a trigger on every committed change to mcp_servers, by any instance. */
  async revision(): Promise<string> {
    const [row] = await this.prepared<{ revision: string }>('SELECT revision FROM registry_revision WHERE id = 1', []);
    return row.revision;
  }

  async findById(id: string): Promise<McpServer | undefined> {
    const rows = await this.rows<ServerRow>(`SELECT ${COLUMNS} FROM mcp_servers WHERE id = $1`, [id]);
    return rows.length > 0 ? toMcpServer(rows[0]) : undefined;
  }

  async insert(server: NewServer): Promise<McpServer> {
    const rows = await this.rows<ServerRow>(
      `INSERT INTO mcp_servers
         (id, name, description, type, transport, status, state, desired_state, config, health, metrics, enabled, tags)
       VALUES ($13, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       RETURNING ${COLUMNS}`,
      [
        server.name,
        server.description,
        server.type,
        server.transport,
        server.status,
        server.state,
        server.desiredState,
        JSON.stringify(server.config),
        JSON.stringify(server.health),
        JSON.stringify(server.metrics),
        server.enabled,
        server.tags,
        server.id,
      ],
    );
    return toMcpServer(rows[0]);
  }

  /** Applies `changes` only if the row is still at `expectedVersion`; undefined otherwise. */
  async updateIfVersion(id: string, expectedVersion: number, changes: ServerChanges): Promise<McpServer | undefined> {
    const params: unknown[] = [id, expectedVersion];
    const sets = ['version = version + 1', 'updated_at = now()'];
    for (const [field, value] of Object.entries(changes) as [keyof ServerChanges, unknown][]) {
      if (value === undefined) continue;
      const { column, json } = CHANGE_COLUMNS[field];
      params.push(json ? JSON.stringify(value) : value);
      sets.push(`${column} = $${params.length}`);
    }
    const rows = await this.rows<ServerRow>(
      `UPDATE mcp_servers SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING ${COLUMNS}`,
      params,
    );
    return rows.length > 0 ? toMcpServer(rows[0]) : undefined;
  }

  /**
   * Moves a server to `to` only if it is in one of `from` (one conditional UPDATE, so two
   * supervisors never both win); `status` follows the state. Undefined when the state was not
   * one of `from` (or the server is gone). Health and metrics are replaced when given.
   */
  async transition(
    id: string,
    from: readonly ServerState[],
    to: ServerState,
    patch: { health?: ServerHealth; metrics?: ServerMetrics; desiredState?: DesiredState } = {},
  ): Promise<McpServer | undefined> {
    const params: unknown[] = [id, from, to, statusOf(to)];
    const sets = ['state = $3', 'status = $4'];
    if (patch.health) {
      params.push(JSON.stringify(patch.health));
      sets.push(`health = $${params.length}`);
    }
    if (patch.metrics) {
      params.push(JSON.stringify(patch.metrics));
      sets.push(`metrics = $${params.length}`);
    }
    if (patch.desiredState) {
      params.push(patch.desiredState);
      sets.push(`desired_state = $${params.length}`);
    }
    const rows = await this.rows<ServerRow>(
      `UPDATE mcp_servers SET ${sets.join(', ')} WHERE id = $1 AND state = ANY($2::text[]) RETURNING ${COLUMNS}`,
      params,
    );
    return rows.length > 0 ? toMcpServer(rows[0]) : undefined;
  }

  /**
   * Adds request counts to the stored metrics in one statement (no read-modify-write race with
   * another instance); the average is weighted by the counts.
   */
  async addRequestMetrics(id: string, requests: number, errors: number, totalMs: number): Promise<void> {
    await this.rows(
      `UPDATE mcp_servers SET metrics = metrics
         || jsonb_build_object('requestCount', (metrics->>'requestCount')::bigint + $2::bigint)
         || jsonb_build_object('errorCount', (metrics->>'errorCount')::bigint + $3::bigint)
         || jsonb_build_object('successRate', round(
              ((metrics->>'requestCount')::numeric + $2::numeric - (metrics->>'errorCount')::numeric - $3::numeric)
              / nullif((metrics->>'requestCount')::numeric + $2::numeric, 0), 4))
         || jsonb_build_object('averageResponseTimeMs', round((
              coalesce((metrics->>'averageResponseTimeMs')::numeric, 0) * (metrics->>'requestCount')::numeric + $4::numeric
            ) / ((metrics->>'requestCount')::numeric + $2::numeric), 1))
       WHERE id = $1`,
      [id, requests, errors, totalMs],
    );
  }

  /** The resource sample of a running server (merged into its metrics). */
  async updateUsage(
    id: string,
    usage: { uptimeSeconds: number; memoryUsageMb: number | null; cpuUsagePercent: number | null },
  ): Promise<void> {
    await this.rows(`UPDATE mcp_servers SET metrics = metrics || $2::jsonb WHERE id = $1 AND state = 'running'`, [
      id,
      JSON.stringify(usage),
    ]);
  }

  /** Zeroes the live figures of a server that stopped. */
  async clearUsage(id: string): Promise<void> {
    await this.rows(
      `UPDATE mcp_servers SET metrics = metrics || '{"uptimeSeconds": 0, "memoryUsageMb": null, "cpuUsagePercent": null}'::jsonb
       WHERE id = $1 AND (metrics->>'uptimeSeconds') IS DISTINCT FROM '0'`,
      [id],
    );
  }

  /** A probe's verdict, stored only while the server is still running (a stop may have won the race). */
  async updateHealth(id: string, health: ServerHealth): Promise<boolean> {
    const rows = await this.rows<{ id: string }>(`UPDATE mcp_servers SET health = $2 WHERE id = $1 AND state = 'running' RETURNING id`, [
      id,
      JSON.stringify(health),
    ]);
    return rows.length > 0;
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
   */
  async fleetFigures(): Promise<FleetFigures> {
    const rows = await this.prepared<{
      state: ServerState;
      count: number;
      unhealthy: number;
      degraded: number;
      requests: string | null;
      weightedMs: string | null;
    }>(
      `SELECT state, count(*)::int AS count,
         count(*) FILTER (WHERE health->>'status' = 'unhealthy')::int AS unhealthy,
         count(*) FILTER (WHERE health->>'status' = 'degraded')::int AS degraded,
         sum((metrics->>'requestCount')::numeric) FILTER (WHERE metrics->>'averageResponseTimeMs' IS NOT NULL) AS requests,
         sum((metrics->>'requestCount')::numeric * (metrics->>'averageResponseTimeMs')::numeric) AS "weightedMs"
       FROM mcp_servers GROUP BY state`,
      [],
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
  async gaugeSnapshot(): Promise<
    {
      name: string;
      type: string;
      state: ServerState;
      healthy: boolean;
      restarts: number;
      requests: number;
      errors: number;
      memoryMb: number | null;
      cpuPercent: number | null;
    }[]
  > {
    return this.rows(
      `SELECT name, type, state, (health->>'status') = 'healthy' AS healthy,
         (metrics->>'memoryUsageMb')::float AS "memoryMb", (metrics->>'cpuUsagePercent')::float AS "cpuPercent",
         coalesce((metrics->>'restartCount')::int, 0) AS restarts, coalesce((metrics->>'requestCount')::bigint, 0)::int AS requests,
         coalesce((metrics->>'errorCount')::bigint, 0)::int AS errors
       FROM mcp_servers ORDER BY name`,
      [],
    );
  }

  async setDesiredState(id: string, desiredState: DesiredState): Promise<void> {
    await this.rows(`UPDATE mcp_servers SET desired_state = $2 WHERE id = $1 AND desired_state <> $2`, [id, desiredState]);
  }

  /** Servers whose desired state is `desired` (for reconciliation at boot). */
  async findByDesiredState(desired: DesiredState): Promise<McpServer[]> {
    const rows = await this.rows<ServerRow>(`SELECT ${COLUMNS} FROM mcp_servers WHERE desired_state = $1 ORDER BY name`, [desired]);
    return rows.map(toMcpServer);
  }

  /** Servers left in a transient or running state (the instance that ran them is gone). */
  async findInStates(states: readonly ServerState[]): Promise<McpServer[]> {
    const rows = await this.rows<ServerRow>(`SELECT ${COLUMNS} FROM mcp_servers WHERE state = ANY($1::text[])`, [states]);
    return rows.map(toMcpServer);
  }

  /** Deletes in one statement, so a server that starts meanwhile is never removed. */
  async deleteIfStopped(id: string): Promise<DeleteOutcome> {
    const rows = await this.rows<{ id: string; name: string }>(
      `DELETE FROM mcp_servers WHERE id = $1 AND state = 'stopped' RETURNING id, name`,
      [id],
    );
    if (rows.length > 0) {
      return { result: 'deleted', name: rows[0].name };
    }
    const current = await this.findById(id);
    return current ? { result: 'not-stopped', state: current.state } : { result: 'not-found' };
  }

  private rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return queryRows<T>(this.dataSource, sql, params);
  }

  /**
   * For the hot read paths: a named statement on the driver's pool, so PostgreSQL plans
   * each distinct query shape once per connection instead of on every request.
   */
  private async prepared<T extends QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const name = `q${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    return (await pool.query<T>({ name, text: sql, values: params })).rows;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function toMcpServer(row: ServerRow): McpServer {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    type: row.type,
    transport: row.transport,
    status: row.status,
    state: row.state,
    desiredState: row.desiredState,
    config: row.config,
    health: row.health,
    metrics: row.metrics,
    enabled: row.enabled,
    tags: row.tags,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
