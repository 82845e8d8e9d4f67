import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';
import type { ApiToken, Permission } from '@mcp-fleet/shared/contracts';

const COLUMNS = `id, name, prefix, permissions, server_ids AS "serverIds", expires_at AS "expiresAt", last_used_at AS "lastUsedAt",
  revoked_at AS "revokedAt", created_by AS "createdBy", created_at AS "createdAt"`;

interface ApiTokenRow extends Omit<ApiToken, 'expiresAt' | 'lastUsedAt' | 'revokedAt' | 'createdAt'> {
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

@Injectable()
export class ApiTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(token: {
    name: string;
    prefix: string;
    tokenHash: string;
    permissions: Permission[];
    serverIds: string[] | null;
    expiresAt: Date | null;
    createdBy: string | null;
  }): Promise<ApiToken> {
    const rows = await queryRows<ApiTokenRow>(
      this.dataSource,
      `INSERT INTO api_tokens (name, prefix, token_hash, permissions, server_ids, expires_at, created_by)
       VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7) RETURNING ${COLUMNS}`,
      [token.name, token.prefix, token.tokenHash, token.permissions, token.serverIds, token.expiresAt, token.createdBy],
    );
    return toApiToken(rows[0]);
  }

  /**
   * Which of `ids` name no registered server, in the order given. The one read of the servers'
   * table from this domain: a token's scope must name real servers, and the auth libraries may
   * not depend on the servers domain.
   */
  async unknownServerIds(ids: readonly string[]): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT given.id FROM unnest($1::uuid[]) WITH ORDINALITY AS given (id, n)
        WHERE NOT EXISTS (SELECT 1 FROM mcp_servers s WHERE s.id = given.id)
        ORDER BY given.n`,
      [ids],
    );
    return rows.map((row) => row.id);
  }

  async list(): Promise<ApiToken[]> {
    const rows = await queryRows<ApiTokenRow>(this.dataSource, `SELECT ${COLUMNS} FROM api_tokens ORDER BY created_at DESC, id`);
    return rows.map(toApiToken);
  }

  async findByHash(tokenHash: string): Promise<ApiToken | undefined> {
    const rows = await queryRows<ApiTokenRow>(this.dataSource, `SELECT ${COLUMNS} FROM api_tokens WHERE token_hash = $1`, [tokenHash]);
    return rows.length > 0 ? toApiToken(rows[0]) : undefined;
  }

  async revoke(id: string): Promise<ApiToken | undefined> {
    const rows = await queryRows<ApiTokenRow>(
      this.dataSource,
      `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return rows.length > 0 ? toApiToken(rows[0]) : undefined;
  }

  /** Records use at most once a minute per token, so busy services do not write on every call. */
  async touchLastUsed(id: string): Promise<void> {
    await queryRows(
      this.dataSource,
      `UPDATE api_tokens SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}

function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    permissions: row.permissions,
    serverIds: row.serverIds,
    expiresAt: row.expiresAt ? row.expiresAt.toISOString() : null,
    lastUsedAt: row.lastUsedAt ? row.lastUsedAt.toISOString() : null,
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
