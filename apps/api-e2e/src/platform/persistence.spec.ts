import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createTestDatabase, type TestDatabase } from '@mcp-fleet/api/shared/testing';
import type { McpServer, Page } from '@mcp-fleet/shared/contracts';

import { startApi } from '../support/api-process';
import { http } from '../support/http';

/** Registers a server on one API process, restarts it, and reads the server back. */
async function survivesRestart(env: Record<string, string>): Promise<void> {
  const first = await startApi(env);
  const created = await http<McpServer>(first.url, 'POST', '/api/mcp/servers', {
    name: 'durable',
    transport: 'stdio',
    config: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] },
  });
  expect(created.status).toBe(201);
  expect(await first.stop('SIGTERM')).toBe(0);

  const second = await startApi(env);
  try {
    const list = await http<Page<McpServer>>(second.url, 'GET', '/api/mcp/servers');
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
