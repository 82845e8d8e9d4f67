import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';

/** Failures inside a window, per (account, address) pair and per address. */
export interface LoginFailureCounts {
  pair: { count: number; latest: Date | null };
  address: { count: number; oldest: Date | null };
}

/** Class of the per-address advisory locks (two-key form; the other advisory locks use one bigint key). */
const ADDRESS_LOCK_CLASS = 7_262_003;

/** Failed logins live in the database so every API instance enforces the same limits. */
@Injectable()
export class LoginFailuresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; repository calls inside must pass its manager. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Holds the attempts from `ip` back until this transaction ends, so parallel guesses are
   * counted one after the other; returns the database's clock once the lock is held, the one
   * clock every instance shares.
   */
  async lockAddress(ip: string, manager: EntityManager): Promise<Date> {
    await queryRows(manager, 'SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADDRESS_LOCK_CLASS, ip]);
    const [row] = await queryRows<{ now: Date }>(manager, 'SELECT clock_timestamp() AS now');
    return row.now;
  }

  async countSince(emailKey: string, ip: string, since: Date, manager: EntityManager): Promise<LoginFailureCounts> {
    const [row] = await queryRows<{ pairCount: number; pairLatest: Date | null; addressCount: number; addressOldest: Date | null }>(
      manager,
      `SELECT count(*) FILTER (WHERE email_key = $2)::int AS "pairCount",
              max(failed_at) FILTER (WHERE email_key = $2) AS "pairLatest",
              count(*)::int AS "addressCount",
              min(failed_at) AS "addressOldest"
         FROM login_failures
        WHERE ip = $1 AND failed_at >= $3`,
      [ip, emailKey, since],
    );
    return { pair: { count: row.pairCount, latest: row.pairLatest }, address: { count: row.addressCount, oldest: row.addressOldest } };
  }

  /** Records an attempt as failed up front; returns its id so a success can withdraw it. */
  async record(emailKey: string, ip: string, at: Date, manager: EntityManager): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      manager,
      'INSERT INTO login_failures (email_key, ip, failed_at) VALUES ($1, $2, $3) RETURNING id',
      [emailKey, ip, at],
    );
    return row.id;
  }

  /** Dates the failure from when it was known (after the password check), which is where a delay starts. */
  async markFailed(id: string): Promise<void> {
    await queryRows(this.dataSource, 'UPDATE login_failures SET failed_at = clock_timestamp() WHERE id = $1', [id]);
  }

  async withdraw(id: string): Promise<void> {
    await queryRows(this.dataSource, 'DELETE FROM login_failures WHERE id = $1', [id]);
  }

  async clearPair(emailKey: string, ip: string): Promise<void> {
    await queryRows(this.dataSource, 'DELETE FROM login_failures WHERE ip = $1 AND email_key = $2', [ip, emailKey]);
  }

  async purgeOlderThan(windowSeconds: number): Promise<void> {
    await queryRows(this.dataSource, 'DELETE FROM login_failures WHERE failed_at < clock_timestamp() - make_interval(secs => $1)', [
      windowSeconds,
    ]);
  }
}
