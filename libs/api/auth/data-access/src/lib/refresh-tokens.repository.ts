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

  /**
   * Marks `id` used and inserts its successor in one transaction, holding the presented
   * token's row lock: a concurrent refresh with the same token waits, then finds it used
   * and revokes the family, successor included. Returns false when the token was already
   * used or revoked (or its family was revoked) by the time the lock was taken.
   */
  async rotate(
    id: string,
    successor: { id: string; userId: string; familyId: string; tokenHash: string; expiresAt: Date },
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [current] = await queryRows<{ usable: boolean }>(
        manager,
        'SELECT (used_at IS NULL AND revoked_at IS NULL) AS usable FROM refresh_tokens WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!current?.usable) {
        return false;
      }
      await queryRows(manager, 'UPDATE refresh_tokens SET used_at = now() WHERE id = $1', [id]);
      const inserted = await queryRows<{ id: string }>(
        manager,
        `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at)
         SELECT $1, $2, $3, $4, $5
          WHERE NOT EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = $3 AND revoked_at IS NOT NULL)
         RETURNING id`,
        [successor.id, successor.userId, successor.familyId, successor.tokenHash, successor.expiresAt],
      );
      return inserted.length > 0;
    });
  }

  /** Drops a user's expired tokens, so the table does not grow with every refresh. */
  async purgeExpired(userId: string): Promise<void> {
    await queryRows(this.dataSource, 'DELETE FROM refresh_tokens WHERE user_id = $1 AND expires_at < now()', [userId]);
  }

  async revokeFamily(familyId: string): Promise<void> {
    await queryRows(this.dataSource, 'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [
      familyId,
    ]);
  }

  async revokeAllForUser(userId: string): Promise<void> {
    await queryRows(this.dataSource, 'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
  }
}
