import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';

/** Tools switched off, by server. A tool without a row is on. */
@Injectable()
export class ToolSwitchesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores the switch; false when the server does not exist (any more). */
  async set(serverId: string, tool: string, enabled: boolean, updatedBy: string | null): Promise<boolean> {
    const rows = await queryRows<{ tool: string }>(
      this.dataSource,
      `INSERT INTO tool_switches (server_id, tool, enabled, updated_at, updated_by)
       SELECT $1, $2, $3, now(), $4 WHERE EXISTS (SELECT 1 FROM mcp_servers WHERE id = $1)
       ON CONFLICT (server_id, tool) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now(), updated_by = EXCLUDED.updated_by
       RETURNING tool`,
      [serverId, tool, enabled, updatedBy],
    );
    return rows.length > 0;
  }

  /** The tools switched off for one server, some servers, or every server (no id). */
  async disabled(serverIds?: string | readonly string[]): Promise<Map<string, Set<string>>> {
    const ids = typeof serverIds === 'string' ? [serverIds] : serverIds;
    const rows = await queryRows<{ serverId: string; tool: string }>(
      this.dataSource,
      `SELECT server_id AS "serverId", tool FROM tool_switches WHERE NOT enabled ${ids ? 'AND server_id = ANY($1::uuid[])' : ''}`,
      ids ? [ids] : [],
    );
    const byServer = new Map<string, Set<string>>();
    for (const row of rows) {
      byServer.set(row.serverId, (byServer.get(row.serverId) ?? new Set()).add(row.tool));
    }
    return byServer;
  }
}
