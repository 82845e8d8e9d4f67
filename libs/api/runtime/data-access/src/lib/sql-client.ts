import { DataSource } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';

/** A connection of its own (a `pg` client), for statements that must not wait behind the shared pool. */
export interface SqlClient {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Rows of a statement run on the shared pool or on a connection of its own. */
export async function sqlRows<T>(source: DataSource | SqlClient, sql: string, params: unknown[] = []): Promise<T[]> {
  return source instanceof DataSource ? queryRows<T>(source, sql, params) : ((await source.query(sql, params)).rows as T[]);
}
