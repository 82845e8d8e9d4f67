import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { createTestDatabase, http, startApi, type TestDatabase } from '@mcp-fleet/api/shared/testing';
import type { LoginResponse } from '@mcp-fleet/shared/contracts';

const CLI = resolve(__dirname, '../../../../dist/apps/api/cli.js');

describe('user:create on the command line', () => {
  let database: TestDatabase;
  let dataDir: string;
  // Asynchronous on purpose: without DATABASE_URL the test database is served from this very
  // process, which a synchronous spawn would freeze while the command waits for it.
  const run = (args: string[], input = '') =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolvePromise) => {
      const child = spawn(process.execPath, [CLI, 'user:create', ...args], {
        env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: database.url, DATA_DIR: dataDir },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.once('exit', (status) => {
        clearTimeout(timer);
        resolvePromise({ status, stdout, stderr });
      });
      child.stdin.end(input);
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'mcp-fleet-cli-'));
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a user from a password on stdin, who can then sign in', async () => {
    const result = await run(['--email', 'scripted@example.com', '--role', 'admin', '--password-stdin'], 'scripted-password-1\n');
    const api = await startApi({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: String(database.poolSize), DATA_DIR: dataDir });
    try {
      const login = await http<LoginResponse>(api.url, 'POST', '/api/auth/login', {
        email: 'scripted@example.com',
        password: 'scripted-password-1',
      });

      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Created admin scripted@example.com/);
      expect(login.status).toBe(200);
      expect(login.body.user.role).toBe('admin');
    } finally {
      await api.stop();
    }
  });

  it('prints a generated password once', async () => {
    const result = await run(['--email', 'generated@example.com', '--role', 'viewer', '--generate-password']);

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Password \(shown once\): [A-Za-z0-9_-]{24}/);
  });

  it.each([
    ['an unknown role', ['--email', 'x@example.com', '--role', 'root', '--generate-password'], 2],
    ['a short password', ['--email', 'x@example.com', '--role', 'viewer', '--password-stdin'], 2],
    ['no password source', ['--email', 'x@example.com', '--role', 'viewer'], 2],
    ['an email that exists', ['--email', 'scripted@example.com', '--role', 'viewer', '--generate-password'], 1],
  ])('refuses %s', async (_, args, status) => {
    const result = await run(args, 'short\n');

    expect(result.status).toBe(status);
    expect(result.stderr.length).toBeGreaterThan(0);
  });
});
