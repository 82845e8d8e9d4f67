import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';

export interface RefreshTokenRecord {
  id: string;
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(token: { id: string; userId: string; familyId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await queryRows(
      this.dataSource,
      'INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [token.id, token.userId, token.familyId, token.tokenHash, token.expiresAt],
    );
  }

  async findById(id: string): Promise<RefreshTokenRecord | undefined> {
    const rows = await queryRows<RefreshTokenRecord>(
      this.dataSource,
      `SELECT id, user_id AS "userId", family_id AS "familyId", token_hash AS "tokenHash",
              expires_at AS "expiresAt", used_at AS "usedAt", revoked_at AS "revokedAt"
         FROM refresh_tokens WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Marks a token used exactly once; false means someone used (or revoked) it first. */
  async markUsed(id: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      'UPDATE refresh_tokens SET used_at = now() WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL RETURNING id',
      [id],
    );
    return rows.length > 0;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await queryRows(
      this.dataSource,
      'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
      [familyId],
    );
  }

  async revokeAllForUser(userId: string): Promise<void> {
    await queryRows(this.dataSource, 'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
      userId,
    ]);
  }
}
