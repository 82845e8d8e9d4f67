import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';
import type { ResourceSubscription } from '@mcp-fleet/shared/contracts';

/** The resources subscribed to per server; only queries, the rules are the handlers'. */
@Injectable()
export class ResourceSubscriptionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(serverId: string): Promise<ResourceSubscription[]> {
    return queryRows<ResourceSubscription>(
      this.dataSource,
      `SELECT uri, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
       FROM resource_subscriptions WHERE server_id = $1 ORDER BY created_at, uri`,
      [serverId],
    );
  }

  /**
   * Adds a subscription while the server has fewer than `max` (one statement, so two callers
   * cannot both pass the limit). `added: false` with `full: false` means it was there already.
   */
  async add(serverId: string, uri: string, createdBy: string | null, max: number): Promise<{ added: boolean; full: boolean }> {
    const rows = await queryRows<{ uri: string }>(
      this.dataSource,
      `INSERT INTO resource_subscriptions (server_id, uri, created_by)
       SELECT $1, $2, $3
       WHERE EXISTS (SELECT 1 FROM mcp_servers WHERE id = $1)
         AND (SELECT count(*) FROM resource_subscriptions WHERE server_id = $1) < $4
       ON CONFLICT (server_id, uri) DO NOTHING
       RETURNING uri`,
      [serverId, uri, createdBy, max],
    );
    if (rows.length > 0) {
      return { added: true, full: false };
    }
    const existing = await queryRows<{ uri: string }>(
      this.dataSource,
      `SELECT uri FROM resource_subscriptions WHERE server_id = $1 AND uri = $2`,
      [serverId, uri],
    );
    return { added: false, full: existing.length === 0 };
  }

  async remove(serverId: string, uri: string): Promise<boolean> {
    const rows = await queryRows<{ uri: string }>(
      this.dataSource,
      `DELETE FROM resource_subscriptions WHERE server_id = $1 AND uri = $2 RETURNING uri`,
      [serverId, uri],
    );
    return rows.length > 0;
  }
}
