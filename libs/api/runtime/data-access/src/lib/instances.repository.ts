import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';

import { type SqlClient, sqlRows } from './sql-client';

export interface InstanceRow {
  instanceId: string;
  address: string;
  version: string;
  startedAt: string;
  heartbeatAt: string;
  leaving: boolean;
  ownedServers: number;
}

/** Each API instance's heartbeat row: who is live, where to reach it, what it runs. */
@Injectable()
export class InstancesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async beat(instanceId: string, address: string, version: string, leaving = false, client?: SqlClient): Promise<void> {
    await sqlRows(
      client ?? this.dataSource,
      `INSERT INTO api_instances (instance_id, address, version, leaving) VALUES ($1, $2, $3, $4)
       ON CONFLICT (instance_id) DO UPDATE
          SET address = excluded.address, version = excluded.version, heartbeat_at = now(), leaving = excluded.leaving`,
      [instanceId, address, version, leaving],
    );
  }

  /**
   * Every instance whose heartbeat is younger than `withinMs`, listening or not yet, leaving or
   * not: the API processes that are alive and may own server processes.
   */
  async heardFrom(withinMs: number): Promise<string[]> {
    const rows = await sqlRows<{ instanceId: string }>(
      this.dataSource,
      `SELECT instance_id AS "instanceId" FROM api_instances WHERE heartbeat_at > now() - make_interval(secs => $1::float8 / 1000)`,
      [withinMs],
    );
    return rows.map((row) => row.instanceId);
  }

  /** Instances whose heartbeat is younger than `withinMs` and that are not leaving, with the servers they own. */
  async live(withinMs: number, client?: SqlClient): Promise<InstanceRow[]> {
    const rows = await sqlRows<
      Omit<InstanceRow, 'startedAt' | 'heartbeatAt' | 'ownedServers'> & {
        startedAt: Date;
        heartbeatAt: Date;
        ownedServers: string;
      }
    >(
      client ?? this.dataSource,
      `SELECT i.instance_id AS "instanceId", i.address, i.version, i.started_at AS "startedAt",
              i.heartbeat_at AS "heartbeatAt", i.leaving,
              (SELECT count(*) FROM server_leases l WHERE l.owner = i.instance_id AND l.expires_at > now())::text AS "ownedServers"
         FROM api_instances i
        WHERE i.heartbeat_at > now() - make_interval(secs => $1::float8 / 1000) AND NOT i.leaving
        ORDER BY i.instance_id`,
      [withinMs],
    );
    return rows.map((row) => ({
      ...row,
      startedAt: row.startedAt.toISOString(),
      heartbeatAt: row.heartbeatAt.toISOString(),
      ownedServers: Number(row.ownedServers),
    }));
  }

  /** Instances not heard from for `olderThanMs`: gone for good, their rows removed. */
  async forgetSilent(olderThanMs: number): Promise<void> {
    await queryRows(this.dataSource, `DELETE FROM api_instances WHERE heartbeat_at < now() - make_interval(secs => $1::float8 / 1000)`, [
      olderThanMs,
    ]);
  }

  async leave(instanceId: string): Promise<void> {
    await queryRows(this.dataSource, `DELETE FROM api_instances WHERE instance_id = $1`, [instanceId]);
  }
}
