import { createHash } from 'node:crypto';

import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * For the hot read paths: a named statement on the driver's pool, so PostgreSQL plans each
 * distinct query shape once per connection instead of on every request.
 */
export async function preparedRows<T extends QueryResultRow>(dataSource: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const name = `q${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
  return (await pool.query<T>({ name, text: sql, values: params })).rows;
}
