import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import type { LoginResponse } from '@mcp-fleet/shared/contracts';

import { createTestDatabase, type TestDatabase } from '../test-database';
import { type RunningApi, startApi } from './api-process';
import { http, type HttpResult } from './http';

export const ADMIN = { email: 'admin@example.com', password: 'e2e-admin-password-1' };

export interface ApiClient {
  get<T = unknown>(path: string, headers?: Record<string, string>): Promise<HttpResult<T>>;
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
  patch<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
  delete<T = unknown>(path: string, headers?: Record<string, string>): Promise<HttpResult<T>>;
}

export interface ApiUnderTest extends ApiClient {
  readonly url: string;
  /** Requests with no credentials at all. */
  readonly anonymous: ApiClient;
  /** Requests sent with `Authorization: Bearer <token>` (an access token or an API token). */
  as(token: string): ApiClient;
  /** Signs in and returns the access token. */
  login(email: string, password: string): Promise<string>;
  /** Everything the API process printed so far. */
  output(): string;
  /** Runs SQL on the API's database, standing in for parts (the supervisor) not built yet. */
  sql<T = unknown>(text: string, params?: unknown[]): Promise<T[]>;
}

function client(baseUrl: () => string, token: () => string | undefined): ApiClient {
  const auth = (headers: Record<string, string> = {}): Record<string, string> => {
    const value = token();
    return value ? { authorization: `Bearer ${value}`, ...headers } : headers;
  };
  return {
    get: (path, headers) => http(baseUrl(), 'GET', path, undefined, auth(headers)),
    post: (path, body, headers) => http(baseUrl(), 'POST', path, body, auth(headers)),
    patch: (path, body, headers) => http(baseUrl(), 'PATCH', path, body, auth(headers)),
    delete: (path, headers) => http(baseUrl(), 'DELETE', path, undefined, auth(headers)),
  };
}

/**
 * Boots the built API on a fresh database for the current test file, with a first admin,
 * and signs that admin in: the default client sends the admin's access token.
 */
export function useApi(extraEnv: Record<string, string> = {}): ApiUnderTest {
  let database: TestDatabase;
  let api: RunningApi;
  let dataDir: string;
  let adminToken: string | undefined;
  const baseUrl = () => api.url;

  const login = async (email: string, password: string) => {
    const response = await http<LoginResponse>(api.url, 'POST', '/api/auth/login', { email, password });
    if (response.status !== 200) {
      throw new Error(`Login as ${email} failed with ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body.accessToken;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'mcp-fleet-e2e-'));
    api = await startApi({
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: String(database.poolSize),
      DATA_DIR: dataDir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ...extraEnv,
    });
    adminToken = await login(ADMIN.email, ADMIN.password);
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
    ...client(baseUrl, () => adminToken),
    anonymous: client(baseUrl, () => undefined),
    as: (token) => client(baseUrl, () => token),
    login,
    output: () => api.output(),
    async sql<T>(text: string, params: unknown[] = []) {
      const pg = new Client({ connectionString: database.url });
      await pg.connect();
      try {
        return (await pg.query(text, params)).rows as T[];
      } finally {
        await pg.end();
      }
    },
  };
}
