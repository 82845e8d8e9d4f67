import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { startEmbeddedPostgres } from '@mcp-fleet/api/shared/database';

export interface TestDatabase {
  /** Connection URL of a database that exists only for this test run. */
  readonly url: string;
  /** Pool size the code under test must use (1 for the embedded single-session database). */
  readonly poolSize: number;
  readonly kind: 'postgres' | 'embedded';
  drop(): Promise<void>;
}

/**
 * A fresh, empty database per call. With DATABASE_URL set (CI), a new database is
 * created on that PostgreSQL server and dropped afterwards; without it, an in-memory
 * embedded PostgreSQL (PGlite) serves the same wire protocol, so tests need nothing
 * but Node to run.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    // The code under test holds one connection; the test's own checks need another.
    const embedded = await startEmbeddedPostgres({ maxConnections: 4 });
    return { url: embedded.url, poolSize: 1, kind: 'embedded', drop: () => embedded.stop() };
  }
  const name = `mcp_fleet_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    poolSize: 5,
    kind: 'postgres',
    drop: async () => {
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
