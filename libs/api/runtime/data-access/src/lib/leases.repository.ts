import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';

import { type SqlClient, sqlRows } from './sql-client';

/** A lease this instance holds: the generation fences its writes. */
export interface HeldLease {
  serverId: string;
  generation: number;
}

/** The result of an acquisition: the new generation, and who held the lease before (null: nobody). */
export interface Acquired extends HeldLease {
  previousOwner: string | null;
}

/** A server that should run, or was left running, with no live lease; `released`: handed over, not lost. */
export interface Unowned {
  serverId: string;
  lastOwner: string | null;
  released: boolean;
}

export interface LiveOwner {
  owner: string;
  generation: number;
  address: string | null;
}

/**
 * Which instance runs which server. One row per server that was ever owned; acquiring bumps
 * `generation`, releasing expires the row (it is never deleted), and a lease counts only
 * until `expires_at`, on the database's clock.
 */
@Injectable()
export class LeasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Takes the lease when nobody holds it live (or `owner` already does); undefined when another instance does. */
  async acquire(serverId: string, owner: string, ttlMs: number): Promise<Acquired | undefined> {
    const rows = await queryRows<{ generation: string; previousOwner: string | null }>(
      this.dataSource,
      `WITH before AS (SELECT owner FROM server_leases WHERE server_id = $1)
       INSERT INTO server_leases AS l (server_id, owner, generation, acquired_at, expires_at)
       VALUES ($1, $2, 1, now(), now() + make_interval(secs => $3::float8 / 1000))
       ON CONFLICT (server_id) DO UPDATE
          SET owner = excluded.owner, generation = l.generation + 1, acquired_at = now(), expires_at = excluded.expires_at,
              released_at = NULL
        WHERE l.expires_at <= now() OR l.owner = excluded.owner
       RETURNING generation::text AS generation,
                 (SELECT owner FROM before) AS "previousOwner"`,
      [serverId, owner, ttlMs],
    );
    return rows.length > 0 ? { serverId, generation: Number(rows[0].generation), previousOwner: rows[0].previousOwner } : undefined;
  }

  /**
   * Extends the leases `owner` holds, in one statement; returns those it still holds. A lease
   * that expired while nobody took it (a database outage) is still this owner's: taking a lease
   * over changes its owner and generation, which this statement checks.
   */
  async renew(owner: string, held: readonly HeldLease[], ttlMs: number, client?: SqlClient): Promise<HeldLease[]> {
    if (held.length === 0) {
      return [];
    }
    const rows = await sqlRows<{ serverId: string; generation: string }>(
      client ?? this.dataSource,
      `UPDATE server_leases SET expires_at = now() + make_interval(secs => $2::float8 / 1000)
        WHERE owner = $1 AND released_at IS NULL
          AND (server_id, generation) IN (SELECT * FROM unnest($3::uuid[], $4::bigint[]))
       RETURNING server_id AS "serverId", generation::text AS generation`,
      [owner, ttlMs, held.map((lease) => lease.serverId), held.map((lease) => lease.generation)],
    );
    return rows.map((row) => ({ serverId: row.serverId, generation: Number(row.generation) }));
  }

  /** Gives a lease up (expired at once, generation kept); only the holder of that generation can. */
  async release(serverId: string, owner: string, generation: number): Promise<void> {
    await queryRows(
      this.dataSource,
      `UPDATE server_leases SET expires_at = least(expires_at, now()), released_at = now()
        WHERE server_id = $1 AND owner = $2 AND generation = $3 AND released_at IS NULL`,
      [serverId, owner, generation],
    );
  }

  /** Expires every lease of `owner` (an instance known to be gone, or this one at boot). */
  async releaseAllOf(owner: string): Promise<number> {
    const rows = await queryRows(
      this.dataSource,
      `UPDATE server_leases SET expires_at = least(expires_at, now()), released_at = now()
        WHERE owner = $1 AND released_at IS NULL RETURNING 1`,
      [owner],
    );
    return rows.length;
  }

  /** The live owner of a server and its address, if any. */
  async ownerOf(serverId: string): Promise<LiveOwner | undefined> {
    const rows = await queryRows<{ owner: string; generation: string; address: string | null }>(
      this.dataSource,
      `SELECT l.owner, l.generation::text AS generation, i.address
         FROM server_leases l LEFT JOIN api_instances i ON i.instance_id = l.owner
        WHERE l.server_id = $1 AND l.expires_at > now()`,
      [serverId],
    );
    return rows.length > 0 ? { owner: rows[0].owner, generation: Number(rows[0].generation), address: rows[0].address } : undefined;
  }

  /** Enabled servers that should run (or are left running, starting or stopping) and have no live lease. */
  async unowned(): Promise<Unowned[]> {
    return queryRows(
      this.dataSource,
      `SELECT s.id AS "serverId", l.owner AS "lastOwner", l.released_at IS NOT NULL AS released
         FROM mcp_servers s LEFT JOIN server_leases l ON l.server_id = s.id
        WHERE (l.server_id IS NULL OR l.expires_at <= now())
          AND ((s.desired_state = 'running' AND s.enabled) OR s.state IN ('starting', 'running', 'stopping'))`,
    );
  }

  /** Live leases per owner. */
  async countsByOwner(): Promise<Map<string, number>> {
    const rows = await queryRows<{ owner: string; count: string }>(
      this.dataSource,
      `SELECT owner, count(*)::text AS count FROM server_leases WHERE expires_at > now() GROUP BY owner`,
    );
    return new Map(rows.map((row) => [row.owner, Number(row.count)]));
  }
}
