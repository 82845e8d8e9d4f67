import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ADMIN, createTestDatabase, http, startApi, type TestDatabase } from '@mcp-fleet/api/shared/testing';
import type { LoginResponse, McpServer, Page } from '@mcp-fleet/shared/contracts';

async function signIn(url: string): Promise<string> {
  const response = await http<LoginResponse>(url, 'POST', '/api/auth/login', ADMIN);
  expect(response.status).toBe(200);
  return response.body.accessToken;
}

/** Registers a server on one API process, restarts it, and reads the server back. */
async function survivesRestart(baseEnv: Record<string, string>): Promise<void> {
  const env = { ...baseEnv, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
  const first = await startApi(env);
  const firstToken = await signIn(first.url);
  const created = await http<McpServer>(
    first.url,
    'POST',
    '/api/mcp/servers',
    { name: 'durable', transport: 'stdio', config: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] } },
    { authorization: `Bearer ${firstToken}` },
  );
  expect(created.status).toBe(201);
  expect(await first.stop('SIGTERM')).toBe(0);

  const second = await startApi(env);
  try {
    // The first instance's token still works: the signing key survived the restart too.
    const list = await http<Page<McpServer>>(second.url, 'GET', '/api/mcp/servers', undefined, {
      authorization: `Bearer ${firstToken}`,
    });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([created.body]);
  } finally {
    await second.stop();
  }
}

describe('data survives a restart', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'mcp-fleet-persist-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('on the embedded database (no DATABASE_URL), persisted under DATA_DIR', async () => {
    await survivesRestart({ DATA_DIR: dataDir });
  });

  it('on an external PostgreSQL (DATABASE_URL)', async () => {
    const database: TestDatabase = await createTestDatabase();
    try {
      await survivesRestart({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: String(database.poolSize), DATA_DIR: dataDir });
    } finally {
      await database.drop();
    }
  });

  it('refuses to open an embedded DATA_DIR that another running instance owns', async () => {
    const owner = await startApi({ DATA_DIR: dataDir });
    try {
      await expect(startApi({ DATA_DIR: dataDir })).rejects.toThrow(/is in use by process \d+/);
    } finally {
      await owner.stop();
    }
  });
});
