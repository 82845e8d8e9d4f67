import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ThrowawayDatabase {
  name: string;
  /** The admin URL with its database swapped for the throwaway one. */
  url: string;
  serverVersion: string;
  drop(): Promise<void>;
}

/** The server the benchmark runs against: `DATABASE_URL` if set, else the local default. */
export function adminUrlFromEnv(env: NodeJS.ProcessEnv): string {
  const url = env['DATABASE_URL']?.trim();
  return url ? url : DEFAULT_ADMIN_URL;
}

/** A fresh, randomly named database, so runs never see each other's rows or a developer's data. */
export async function createThrowawayDatabase(adminUrl: string): Promise<ThrowawayDatabase> {
  const name = `mcp_fleet_bench_${randomBytes(4).toString('hex')}`;
  const serverVersion = await withClient(adminUrl, async (client) => {
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  });
  return {
    name,
    url: withDatabase(adminUrl, name),
    serverVersion,
    // FORCE (PostgreSQL 13+) ends connections a killed API may have left behind.
    drop: () =>
      withClient(adminUrl, async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`))),
  };
}

/** The server's version, read without creating anything. */
export function serverVersion(adminUrl: string): Promise<string> {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  });
}

/** PostgreSQL backend processes connected to `database` (not this query's own). */
export function backendPids(adminUrl: string, database: string): Promise<number[]> {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return rows.map((row) => row.pid);
  });
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000, application_name: 'mcp-fleet-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function quoteIdent(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
