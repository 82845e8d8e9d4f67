import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { queryRows } from './query-rows';

/** How long an answer is kept for retries. */
const KEEP_HOURS = 24;

export type IdempotencyClaim<T> = { state: 'new' } | { state: 'done'; response: T } | { state: 'in_progress' } | { state: 'mismatch' };

/**
 * Answers remembered under a caller's Idempotency-Key (per principal). The first request claims
 * the key in one INSERT, so two concurrent requests with one key never both run.
 */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim<T>(principalId: string, key: string, requestHash: string): Promise<IdempotencyClaim<T>> {
    await queryRows(
      this.dataSource,
      `DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND created_at < now() - interval '${KEEP_HOURS} hours'`,
      [principalId, key],
    );
    const inserted = await queryRows<{ key: string }>(
      this.dataSource,
      `INSERT INTO idempotency_keys (principal_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [principalId, key, requestHash],
    );
    if (inserted.length > 0) {
      return { state: 'new' };
    }
    const [existing] = await queryRows<{ requestHash: string; response: T | null }>(
      this.dataSource,
      `SELECT request_hash AS "requestHash", response FROM idempotency_keys WHERE principal_id = $1 AND key = $2`,
      [principalId, key],
    );
    if (!existing) {
      return this.claim(principalId, key, requestHash); // it expired between the two statements
    }
    if (existing.requestHash !== requestHash) {
      return { state: 'mismatch' };
    }
    return existing.response === null ? { state: 'in_progress' } : { state: 'done', response: existing.response };
  }

  async complete(principalId: string, key: string, response: unknown): Promise<void> {
    await queryRows(this.dataSource, `UPDATE idempotency_keys SET response = $3 WHERE principal_id = $1 AND key = $2`, [
      principalId,
      key,
      JSON.stringify(response),
    ]);
  }

  /** The request failed before it did anything: let a retry run it. */
  async release(principalId: string, key: string): Promise<void> {
    await queryRows(this.dataSource, `DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND response IS NULL`, [
      principalId,
      key,
    ]);
  }

  async purgeExpired(): Promise<number> {
    const rows = await queryRows<{ key: string }>(
      this.dataSource,
      `DELETE FROM idempotency_keys WHERE created_at < now() - interval '${KEEP_HOURS} hours' RETURNING key`,
    );
    return rows.length;
  }
}
