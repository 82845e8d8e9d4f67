import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';
import type { CatalogKindName } from '@mcp-fleet/shared/contracts';

/** An approved definition: its hash and the definition itself (for the diff an operator sees). */
export interface ApprovedDefinition {
  kind: CatalogKindName;
  name: string;
  hash: string;
  definition: Record<string, unknown>;
  approvedAt: string;
  approvedBy: string;
}

/** A definition to approve, hashed by the caller. */
export type DefinitionToApprove = Pick<ApprovedDefinition, 'kind' | 'name' | 'hash' | 'definition'>;

/** The approved definitions per server (tool-drift control); only queries, the rules are the feature's. */
@Injectable()
export class CatalogApprovalsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(serverId: string): Promise<ApprovedDefinition[]> {
    return queryRows<ApprovedDefinition>(
      this.dataSource,
      `SELECT kind, name, hash, definition, approved_by AS "approvedBy",
         to_char(approved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "approvedAt"
       FROM catalog_approvals WHERE server_id = $1 ORDER BY kind, name`,
      [serverId],
    );
  }

  /** When the baseline was taken; null before the server was first listed. */
  async baselineAt(serverId: string): Promise<string | null> {
    const rows = await queryRows<{ takenAt: string }>(
      this.dataSource,
      `SELECT to_char(taken_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "takenAt" FROM catalog_baselines WHERE server_id = $1`,
      [serverId],
    );
    return rows[0]?.takenAt ?? null;
  }

  /**
   * The first definitions seen become the approved ones, once per server (whichever replica asks
   * first takes it; the others find it taken). True when this call took it.
   */
  async takeBaseline(serverId: string, items: DefinitionToApprove[], takenBy: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const taken = await manager.query<unknown[]>(
        `INSERT INTO catalog_baselines (server_id, taken_by) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM mcp_servers WHERE id = $1)
         ON CONFLICT (server_id) DO NOTHING RETURNING server_id`,
        [serverId, takenBy],
      );
      if (taken.length === 0) {
        return false;
      }
      for (const item of items) {
        await manager.query(
          `INSERT INTO catalog_approvals (server_id, kind, name, hash, definition, approved_by) VALUES ($1, $2, $3, $4, $5, $6)`,
          [serverId, item.kind, item.name, item.hash, JSON.stringify(item.definition), takenBy],
        );
      }
      return true;
    });
  }

  /** Approves these definitions (replacing their approved ones) and forgets the approvals of `removed` names, in one transaction. */
  async approve(
    serverId: string,
    items: DefinitionToApprove[],
    removed: Pick<ApprovedDefinition, 'kind' | 'name'>[],
    approvedBy: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const item of items) {
        await manager.query(
          `INSERT INTO catalog_approvals (server_id, kind, name, hash, definition, approved_by) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (server_id, kind, name) DO UPDATE SET hash = EXCLUDED.hash, definition = EXCLUDED.definition,
             approved_by = EXCLUDED.approved_by, approved_at = now()`,
          [serverId, item.kind, item.name, item.hash, JSON.stringify(item.definition), approvedBy],
        );
      }
      for (const item of removed) {
        await manager.query(`DELETE FROM catalog_approvals WHERE server_id = $1 AND kind = $2 AND name = $3`, [
          serverId,
          item.kind,
          item.name,
        ]);
      }
    });
  }
}
