import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';

export type CatalogKind = 'tools' | 'resources' | 'resourceTemplates' | 'prompts';

/** The column of each list. */
const COLUMN: Record<CatalogKind, string> = {
  tools: 'tools',
  resources: 'resources',
  resourceTemplates: 'resource_templates',
  prompts: 'prompts',
};

export interface StoredCatalog {
  serverId: string;
  protocolVersion: string | null;
  serverInfo: Record<string, unknown>;
  capabilities: Record<string, unknown>;
  tools: Record<string, unknown>[];
  resources: Record<string, unknown>[];
  prompts: Record<string, unknown>[];
  /** Always there when read; optional when saved (a run that does not list templates stores none). */
  resourceTemplates?: Record<string, unknown>[];
  refreshedAt: string;
}

/** What each server reported about itself on its last successful start (and list_changed). */
@Injectable()
export class CatalogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async save(catalog: Omit<StoredCatalog, 'refreshedAt'>): Promise<void> {
    // The server may have been deleted meanwhile: then there is nothing to store.
    await queryRows(
      this.dataSource,
      `INSERT INTO server_catalogs (server_id, protocol_version, server_info, capabilities, tools, resources, prompts,
         resource_templates, refreshed_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, now() WHERE EXISTS (SELECT 1 FROM mcp_servers WHERE id = $1)
       ON CONFLICT (server_id) DO UPDATE SET protocol_version = EXCLUDED.protocol_version, server_info = EXCLUDED.server_info,
         capabilities = EXCLUDED.capabilities, tools = EXCLUDED.tools, resources = EXCLUDED.resources,
         prompts = EXCLUDED.prompts, resource_templates = EXCLUDED.resource_templates, refreshed_at = now()`,
      [
        catalog.serverId,
        catalog.protocolVersion,
        JSON.stringify(catalog.serverInfo),
        JSON.stringify(catalog.capabilities),
        JSON.stringify(catalog.tools),
        JSON.stringify(catalog.resources),
        JSON.stringify(catalog.prompts),
        JSON.stringify(catalog.resourceTemplates ?? []),
      ],
    );
  }

  async saveList(serverId: string, kind: CatalogKind, items: Record<string, unknown>[]): Promise<void> {
    await queryRows(this.dataSource, `UPDATE server_catalogs SET ${COLUMN[kind]} = $2, refreshed_at = now() WHERE server_id = $1`, [
      serverId,
      JSON.stringify(items),
    ]);
  }

  async find(serverId: string): Promise<StoredCatalog | undefined> {
    return (await this.select('WHERE server_id = $1', [serverId]))[0];
  }

  /** The stored catalogs of these servers. */
  findMany(serverIds: readonly string[]): Promise<StoredCatalog[]> {
    return this.select('WHERE server_id = ANY($1::uuid[])', [serverIds]);
  }

  /** Every stored catalog (the in-memory directory's first load). */
  findAll(): Promise<StoredCatalog[]> {
    return this.select('', []);
  }

  private async select(where: string, params: unknown[]): Promise<StoredCatalog[]> {
    const rows = await queryRows<StoredCatalog & { refreshedAt: Date }>(
      this.dataSource,
      `SELECT server_id AS "serverId", protocol_version AS "protocolVersion", server_info AS "serverInfo", capabilities,
         tools, resources, prompts, resource_templates AS "resourceTemplates", refreshed_at AS "refreshedAt"
       FROM server_catalogs ${where}`,
      params,
    );
    return rows.map((row) => ({ ...row, refreshedAt: new Date(row.refreshedAt).toISOString() }));
  }
}
