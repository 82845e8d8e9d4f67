import { statSync } from 'node:fs';
import { join } from 'node:path';

import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

import { postgresOptions } from '@mcp-fleet/api/shared/database';
import { createTestDatabase, type TestDatabase } from '@mcp-fleet/api/shared/testing';

describe('the connection pool (embedded and PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(postgresOptions({ url: database.url, poolSize: database.poolSize }, [])).initialize();
    pool = (dataSource.driver as PostgresDriver).master as Pool;
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('keeps answering named statements after a query failed (the pool replaces its connection)', async () => {
    const named = () =>
      pool.query<{ one: number }>({
        name: 'q-survives-errors',
        text: 'SELECT 1 AS one',
      });
    expect((await named()).rows).toEqual([{ one: 1 }]);

    await expect(pool.query('SELECT $1::bigint', ['1e308'])).rejects.toThrow(/bigint/);

    // On the one PGlite session, the new connection once found "q-survives-errors" still prepared.
    expect((await named()).rows).toEqual([{ one: 1 }]);
    expect((await named()).rows).toEqual([{ one: 1 }]);
  });

  it('serves the embedded database on a Unix socket only its user can reach', () => {
    if (database.kind !== 'embedded') {
      return;
    }
    const url = new URL(database.url);
    const dir = decodeURIComponent(url.hostname);

    expect(url.port).toBe('');
    expect(dir.startsWith('/')).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, '.s.PGSQL.5432')).mode & 0o777).toBe(0o600);
  });
});
