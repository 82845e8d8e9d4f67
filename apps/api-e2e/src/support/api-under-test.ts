import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import { createTestDatabase, type TestDatabase } from '@mcp-fleet/api/shared/testing';

import { type RunningApi, startApi } from './api-process';
import { http, type HttpResult } from './http';

export interface ApiUnderTest {
  readonly url: string;
  get<T = unknown>(path: string, headers?: Record<string, string>): Promise<HttpResult<T>>;
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
  patch<T = unknown>(path: string, body?: unknown): Promise<HttpResult<T>>;
  delete<T = unknown>(path: string): Promise<HttpResult<T>>;
  /** Runs SQL on the API's database, standing in for parts (the supervisor) not built yet. */
  sql(text: string, params?: unknown[]): Promise<void>;
}

/** Boots the built API on a fresh database for the current test file. */
export function useApi(): ApiUnderTest {
  let database: TestDatabase;
  let api: RunningApi;
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'mcp-fleet-e2e-'));
    api = await startApi({
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: String(database.poolSize),
      DATA_DIR: dataDir,
    });
  });

  afterAll(async () => {
    await api?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get url() {
      return api.url;
    },
    get: (path, headers) => http(api.url, 'GET', path, undefined, headers),
    post: (path, body, headers) => http(api.url, 'POST', path, body, headers),
    patch: (path, body) => http(api.url, 'PATCH', path, body),
    delete: (path) => http(api.url, 'DELETE', path),
    async sql(text, params = []) {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query(text, params);
      } finally {
        await client.end();
      }
    },
  };
}
