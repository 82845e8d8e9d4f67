import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { containsPattern, queryRows } from '@mcp-fleet/api/shared/database';
import {
  type DesiredState,
  type HealthStatus,
  type McpServer,
  type ServerConfig,
  type ServerFailure,
  type ServerHealth,
  type ServerMetrics,
  type ServerSortField,
  type ServerState,
  type ServerStatus,
  type ServerTransport,
  statusOf,
} from '@mcp-fleet/shared/contracts';

import { liveMetricsSql, SERVERS_WITH_FIGURES } from './live-figures';
import { preparedRows } from './prepared';
import type { RunLaunch } from './run-launch';

/** The registry columns of `s`, aliased to the contract's camelCase names. */
const REGISTRY_COLUMNS = `s.id, s.name, s.description, s.type, s.transport, s.status, s.state,
  s.desired_state AS "desiredState", s.config, s.enabled, s.tags, s.version,
  s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

/** A whole server: the registry row of `s` and the live figures of `f`, so rows map one to one. */
const COLUMNS = `${REGISTRY_COLUMNS}, f.drift_count AS "driftCount", f.last_failure AS "lastFailure", f.health, ${liveMetricsSql()} AS metrics`;

const SORT_COLUMNS: Record<ServerSortField, string> = {
  // Byte order ("C") so embedded and external PostgreSQL sort identically.
  name: 'lower(s.name) COLLATE "C"',
  createdAt: 's.created_at',
  updatedAt: 's.updated_at',
  status: 's.status',
  transport: 's.transport',
  type: 's.type',
};

/** Which servers a list or a selection covers. */
export interface ServerMatch {
  status?: ServerStatus;
  type?: string;
  transport?: ServerTransport;
  tag?: string;
  enabled?: boolean;
  search?: string;
  /** true: only servers with drift to approve; false: only those without. */
  drift?: boolean;
  /** true: only servers in maintenance; false: only those that are not. */
  maintenance?: boolean;
  /** Only servers whose last health check says this (a live figure: no registry revision moves with it). */
  health?: HealthStatus;
  /** Only these servers (a server-scoped reader); absent means every server. */
  ids?: readonly string[];
}

export interface ServerListPage extends ServerMatch {
  page: number;
  pageSize: number;
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

export type DeleteOutcome = { result: 'deleted'; name: string } | { result: 'not-found' } | { result: 'not-stopped'; state: ServerState };

/**
 * A server's registry part: everything but its health and metrics. `driftCount` comes along (a
 * change of it moves the registry revision); `pendingRestart` is the feature's to compute from the
 * run's launch (`launchOf`, `launchesOf`): read here, a server has none.
 */
export type RegistryServer = Omit<McpServer, 'health' | 'metrics'>;

interface RegistryRow extends Omit<RegistryServer, 'createdAt' | 'updatedAt' | 'pendingRestart' | 'pendingPaths'> {
  createdAt: Date;
  updatedAt: Date;
  totalCount?: string;
}

interface ServerRow extends RegistryRow {
  health: ServerHealth;
  metrics: ServerMetrics;
}

/**
 * What a move of state writes with it: the health verdict, metrics, desired state, and a failure
 * (`failure`), or the end of a run of failed starts (`started`: the last failure stays, its
 * `failedStarts` back to 0).
 */
export interface TransitionPatch {
  health?: ServerHealth;
  metrics?: ServerMetrics;
  desiredState?: DesiredState;
  failure?: ServerFailure;
  started?: boolean;
}

/** Queries only: the rules live in the command handlers. */
/**
 * Who may write a server's runtime state: the holder of its lease at `generation`, or, with no
 * generation, any instance while no other instance holds a live lease (a server nobody runs).
 */
export interface Fence {
  owner: string;
  generation: number | null;
}

@Injectable()
export class McpServerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page of registry rows (their live figures are merged by the caller, fresh, at read time). */
  async list(filter: ServerListPage): Promise<{ items: RegistryServer[]; total: number }> {
    const params: unknown[] = [];
    const bind = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const whereSql = matchSql(filter, bind);
    const direction = filter.sortDescending ? 'DESC' : 'ASC';
    const limit = bind(filter.pageSize);
    const offset = bind((filter.page - 1) * filter.pageSize);

    // The page's ids in index order (one index per sort, id breaking ties in the same
    // direction), then the wide columns for those ids only, and the count of all matches.
    const rows = await preparedRows<RegistryRow>(
      this.dataSource,
      `WITH page AS (
         SELECT s.id, ${SORT_COLUMNS[filter.sortField]} AS sort_key FROM mcp_servers s ${whereSql}
          ORDER BY sort_key ${direction}, s.id ${direction} LIMIT ${limit} OFFSET ${offset}
       )
       SELECT ${REGISTRY_COLUMNS}, f.drift_count AS "driftCount", f.last_failure AS "lastFailure", (SELECT count(*) FROM mcp_servers s ${whereSql}) AS "totalCount"
         FROM page JOIN mcp_servers s USING (id) JOIN server_live_figures f ON f.server_id = s.id
        ORDER BY page.sort_key ${direction}, s.id ${direction}`,
      params,
    );
    let total = rows.length > 0 ? Number(rows[0].totalCount) : 0;
    if (rows.length === 0 && filter.page > 1) {
      // Past the last page no row carries the count; count separately.
      const [{ count }] = await this.rows<{ count: string }>(
        `SELECT count(*) AS count FROM mcp_servers s ${whereSql}`,
        params.slice(0, params.length - 2),
      );
      total = Number(count);
    }
    return { items: rows.map(toRegistryServer), total };
  }

  /** Up to `limit` servers `filter` matches (id and name, by name), and how many match in all. */
  async matching(filter: ServerMatch, limit: number): Promise<{ items: { id: string; name: string }[]; total: number }> {
    const params: unknown[] = [];
    const bind = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const whereSql = matchSql(filter, bind);
    const rows = await this.rows<{ id: string; name: string; total: string }>(
      `SELECT s.id, s.name, count(*) OVER () AS total FROM mcp_servers s ${whereSql}
        ORDER BY ${SORT_COLUMNS.name}, s.id LIMIT ${bind(limit)}`,
      params,
    );
    if (rows.length === 0) {
      return { items: [], total: 0 };
    }
    return { items: rows.map(({ id, name }) => ({ id, name })), total: Number(rows[0].total) };
  }

  /** Bumped by a trigger on every committed change to mcp_servers, by any instance. */
  async revision(): Promise<string> {
    const [row] = await preparedRows<{ revision: string }>(this.dataSource, 'SELECT revision FROM registry_revision WHERE id = 1', []);
    return row.revision;
  }

  /** Runs `work` in one transaction; repository calls inside must pass its manager. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findById(id: string, manager?: EntityManager): Promise<McpServer | undefined> {
    const rows = await this.rows<ServerRow>(`SELECT ${COLUMNS} FROM ${SERVERS_WITH_FIGURES} WHERE s.id = $1`, [id], manager);
    return rows.length > 0 ? toMcpServer(rows[0]) : undefined;
  }

  /** Reads the server and locks its registry row until `manager`'s transaction ends. */
  async findByIdForUpdate(id: string, manager: EntityManager): Promise<McpServer | undefined> {
    const rows = await this.rows<ServerRow>(
      `SELECT ${COLUMNS} FROM ${SERVERS_WITH_FIGURES} WHERE s.id = $1 FOR UPDATE OF s`,
      [id],
      manager,
    );
    return rows.length > 0 ? toMcpServer(rows[0]) : undefined;
  }

  /** The registry row and its first live figures, in one statement. */
  async insert(server: NewServer, manager?: EntityManager): Promise<McpServer> {
    const rows = await this.rows<ServerRow>(
      `WITH s AS (
         INSERT INTO mcp_servers (id, name, description, type, transport, status, state, desired_state, config, enabled, tags)
         VALUES ($13, $1, $2, $3, $4, $5, $6, $7, $8, $11, $12)
         RETURNING *
       ), f AS (
         INSERT INTO server_live_figures (server_id, health, metrics) SELECT id, $9, $10 FROM s RETURNING *
       )
       SELECT ${COLUMNS} FROM s JOIN f ON f.server_id = s.id`,
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
      manager,
    );
    return toMcpServer(rows[0]);
  }

  /** Applies `changes` only if the row is still at `expectedVersion`; undefined otherwise. */
  async updateIfVersion(
    id: string,
    expectedVersion: number,
    changes: ServerChanges,
    manager?: EntityManager,
  ): Promise<McpServer | undefined> {
    const params: unknown[] = [id, expectedVersion];
    const sets = ['version = version + 1', 'updated_at = now()'];
    for (const [field, value] of Object.entries(changes) as [keyof ServerChanges, unknown][]) {
      if (value === undefined) continue;
      const { column, json } = CHANGE_COLUMNS[field];
      params.push(json ? JSON.stringify(value) : value);
      sets.push(`${column} = $${params.length}`);
    }
    const rows = await this.rows<ServerRow>(
      `WITH s AS (UPDATE mcp_servers SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING *)
       SELECT ${COLUMNS} FROM s JOIN server_live_figures f ON f.server_id = s.id`,
      params,
      manager,
    );
    return rows.length > 0 ? toMcpServer(rows[0]) : undefined;
  }

  /**
   * Moves a server to `to` only if it is in one of `from` (one conditional UPDATE, so two
   * supervisors never both win); `status` follows the state. Undefined when the state was not
   * one of `from` (or the server is gone). Health and metrics are replaced when given, in the
   * same statement.
   */
  async transition(
    id: string,
    from: readonly ServerState[],
    to: ServerState,
    patch: TransitionPatch = {},
    fence?: Fence,
  ): Promise<McpServer | undefined> {
    const params: unknown[] = [id, from, to, statusOf(to), patch.health ? JSON.stringify(patch.health) : null];
    params.push(patch.metrics ? JSON.stringify(patch.metrics) : null);
    params.push(patch.failure ? JSON.stringify(patch.failure) : null, patch.started === true);
    const sets = ['state = $3', 'status = $4'];
    if (patch.desiredState) {
      params.push(patch.desiredState);
      sets.push(`desired_state = $${params.length}`);
    }
    let fenced = '';
    if (fence) {
      params.push(fence.owner);
      const owner = `$${params.length}`;
      if (fence.generation === null) {
        fenced = ` AND NOT EXISTS (SELECT 1 FROM server_leases l WHERE l.server_id = $1 AND l.expires_at > now() AND l.owner <> ${owner})`;
      } else {
        params.push(fence.generation);
        fenced = ` AND EXISTS (SELECT 1 FROM server_leases l WHERE l.server_id = $1 AND l.owner = ${owner} AND l.generation = $${params.length}::bigint)`;
      }
    }
    const rows = await this.rows<ServerRow>(
      `WITH s AS (
         UPDATE mcp_servers SET ${sets.join(', ')} WHERE id = $1 AND state = ANY($2::text[])${fenced} RETURNING *
       ), f AS (
         UPDATE server_live_figures SET health = coalesce($5::jsonb, health), metrics = coalesce($6::jsonb, metrics),
           last_failure = CASE WHEN $7::jsonb IS NOT NULL THEN $7::jsonb
             WHEN $8::boolean THEN jsonb_set(last_failure, '{failedStarts}', '0') ELSE last_failure END
          WHERE server_id IN (SELECT id FROM s) RETURNING *
       )
       SELECT ${COLUMNS} FROM s JOIN f ON f.server_id = s.id`,
      params,
    );
    return rows.length > 0 ? toMcpServer(rows[0]) : undefined;
  }

  /** What the server's current (open) run was made from; null when none is open or it predates the record. */
  async launchOf(id: string): Promise<RunLaunch | null> {
    const rows = await this.rows<{ launch: RunLaunch | null }>(
      `SELECT launch FROM server_runs WHERE server_id = $1 AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1`,
      [id],
    );
    return rows[0]?.launch ?? null;
  }

  /** `launchOf` for several servers in one query; a server without one is absent from the map. */
  async launchesOf(ids: readonly string[]): Promise<Map<string, RunLaunch>> {
    if (ids.length === 0) {
      return new Map();
    }
    const rows = await this.rows<{ serverId: string; launch: RunLaunch | null }>(
      `SELECT DISTINCT ON (server_id) server_id AS "serverId", launch FROM server_runs
        WHERE server_id = ANY($1::uuid[]) AND ended_at IS NULL ORDER BY server_id, started_at DESC`,
      [ids],
    );
    return new Map(rows.flatMap((row) => (row.launch ? [[row.serverId, row.launch] as const] : [])));
  }

  /** The replica holding a live lease on the server (it runs it), if any. */
  async ownerOf(id: string): Promise<string | null> {
    const rows = await this.rows<{ owner: string }>(`SELECT owner FROM server_leases WHERE server_id = $1 AND expires_at > now()`, [id]);
    return rows[0]?.owner ?? null;
  }

  async setDesiredState(id: string, desiredState: DesiredState): Promise<void> {
    await this.rows(`UPDATE mcp_servers SET desired_state = $2 WHERE id = $1 AND desired_state <> $2`, [id, desiredState]);
  }

  /** Servers whose desired state is `desired` (for reconciliation at boot). */
  async findByDesiredState(desired: DesiredState): Promise<McpServer[]> {
    const rows = await this.rows<ServerRow>(`SELECT ${COLUMNS} FROM ${SERVERS_WITH_FIGURES} WHERE s.desired_state = $1 ORDER BY s.name`, [
      desired,
    ]);
    return rows.map(toMcpServer);
  }

  /** These servers, those that exist, in no particular order. */
  async findByIds(ids: readonly string[]): Promise<McpServer[]> {
    const rows = await this.rows<ServerRow>(`SELECT ${COLUMNS} FROM ${SERVERS_WITH_FIGURES} WHERE s.id = ANY($1::uuid[])`, [ids]);
    return rows.map(toMcpServer);
  }

  /** Every registered server (the in-memory directory's first load). */
  async findAll(): Promise<McpServer[]> {
    const rows = await this.rows<ServerRow>(`SELECT ${COLUMNS} FROM ${SERVERS_WITH_FIGURES}`, []);
    return rows.map(toMcpServer);
  }

  /** Servers left in a transient or running state (the instance that ran them is gone). */
  async findInStates(states: readonly ServerState[]): Promise<McpServer[]> {
    const rows = await this.rows<ServerRow>(`SELECT ${COLUMNS} FROM ${SERVERS_WITH_FIGURES} WHERE s.state = ANY($1::text[])`, [states]);
    return rows.map(toMcpServer);
  }

  /** Deletes in one statement, so a server that starts meanwhile is never removed (its figures go with it). */
  async deleteIfStopped(id: string, manager?: EntityManager): Promise<DeleteOutcome> {
    const rows = await this.rows<{ id: string; name: string }>(
      `DELETE FROM mcp_servers WHERE id = $1 AND state = 'stopped' RETURNING id, name`,
      [id],
      manager,
    );
    if (rows.length > 0) {
      return { result: 'deleted', name: rows[0].name };
    }
    const current = await this.findById(id, manager);
    return current ? { result: 'not-stopped', state: current.state } : { result: 'not-found' };
  }

  private rows<T>(sql: string, params: unknown[], manager?: EntityManager): Promise<T[]> {
    return queryRows<T>(manager ?? this.dataSource, sql, params);
  }
}

function toRegistryServer(row: RegistryRow): RegistryServer {
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
    enabled: row.enabled,
    tags: row.tags,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    driftCount: row.driftCount,
    lastFailure: row.lastFailure,
    pendingRestart: false,
    pendingPaths: [],
  };
}

function toMcpServer(row: ServerRow): McpServer {
  return { ...toRegistryServer(row), health: row.health, metrics: row.metrics };
}

/** The WHERE clause of `filter` over `s` (mcp_servers), its values bound through `bind`. */
function matchSql(filter: ServerMatch, bind: (value: unknown) => string): string {
  const where: string[] = [];
  if (filter.status) where.push(`s.status = ${bind(filter.status)}`);
  if (filter.type) where.push(`s.type = ${bind(filter.type)}`);
  if (filter.transport) where.push(`s.transport = ${bind(filter.transport)}`);
  if (filter.tag) where.push(`s.tags @> ARRAY[${bind(filter.tag)}]::text[]`);
  if (filter.enabled !== undefined) where.push(`s.enabled = ${bind(filter.enabled)}`);
  if (filter.search) where.push(`s.name ILIKE ${bind(containsPattern(filter.search))}`);
  if (filter.maintenance !== undefined) where.push(`s.state ${filter.maintenance ? '=' : '<>'} 'maintenance'`);
  if (filter.drift !== undefined) {
    where.push(`${filter.drift ? '' : 'NOT '}EXISTS (SELECT 1 FROM server_live_figures d WHERE d.server_id = s.id AND d.drift_count > 0)`);
  }
  if (filter.health) {
    where.push(`EXISTS (SELECT 1 FROM server_live_figures h WHERE h.server_id = s.id AND h.health->>'status' = ${bind(filter.health)})`);
  }
  if (filter.ids) where.push(`s.id = ANY(${bind(filter.ids)}::uuid[])`);
  return where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
}
