import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import {
  ADMIN,
  type ApiClient,
  createTestDatabase,
  eventually,
  http,
  type RunningApi,
  startApi,
  type TestDatabase,
} from '@mcp-fleet/api/shared/testing';
import type { LoginResponse } from '@mcp-fleet/shared/contracts';

/** One API process, signed in as the first admin. */
export interface ApiInstance extends ApiClient {
  readonly url: string;
  readonly pid: number;
  output(): string;
  /** Sends `signal` (SIGKILL: the API gets no chance to clean up) and resolves once it is gone. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * A database and data directory for the current test file, on which API processes can be
 * started, killed and started again (the way an operator restarts one). Nothing is stopped
 * automatically between boots; after the file's last test, whatever is still running gets
 * SIGTERM (a clean shutdown) and the database is dropped.
 */
export function useRestartableApi(extraEnv: Record<string, string> = {}) {
  let database: TestDatabase;
  let dataDir: string;
  const instances: RunningApi[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'mcp-fleet-e2e-restart-'));
  });

  afterAll(async () => {
    for (const instance of instances) {
      await instance.stop('SIGTERM');
    }
    await database?.drop();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  return {
    /** Starts an API process on the file's database and signs the admin in; `env` adds to the file's settings. */
    async boot(env: Record<string, string> = {}): Promise<ApiInstance> {
      const running = await startApi({
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: String(database.poolSize),
        DATA_DIR: dataDir,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        ...extraEnv,
        ...env,
      });
      instances.push(running);
      const login = await http<LoginResponse>(running.url, 'POST', '/api/auth/login', ADMIN);
      if (login.status !== 200) {
        throw new Error(`Login failed with ${login.status}: ${JSON.stringify(login.body)}`);
      }
      const auth = (headers: Record<string, string> = {}) => ({ authorization: `Bearer ${login.body.accessToken}`, ...headers });
      const pid = running.process.pid;
      if (pid === undefined) {
        throw new Error('The API process has no pid');
      }
      return {
        url: running.url,
        pid,
        output: () => running.output(),
        kill: (signal: NodeJS.Signals = 'SIGKILL') => running.stop(signal),
        get: (path, headers) => http(running.url, 'GET', path, undefined, auth(headers)),
        post: (path, body, headers) => http(running.url, 'POST', path, body, auth(headers)),
        patch: (path, body, headers) => http(running.url, 'PATCH', path, body, auth(headers)),
        delete: (path, headers) => http(running.url, 'DELETE', path, undefined, auth(headers)),
      };
    },
    /** The file's database, for a replica that reaches it another way (through a proxy). */
    databaseUrl: () => database.url,
    /** Runs SQL on the file's database. */
    async sql<T = unknown>(text: string, params: unknown[] = []): Promise<T[]> {
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

/** Waits until each replica knows where every one of them listens (each says so at its next heartbeat). */
export async function addressesKnown(replicas: readonly ApiInstance[]): Promise<void> {
  for (const replica of replicas) {
    await eventually(async () => {
      const instances = (await replica.get<{ address: string }[]>('/api/mcp/instances')).body;
      return instances.filter((instance) => instance.address).length >= replicas.length;
    }, 'every replica registered with its address');
  }
}
