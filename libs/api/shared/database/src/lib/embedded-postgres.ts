import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A postgres:// URL that the ordinary `pg` driver connects to. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Where the cluster is persisted; omit for an in-memory database (tests). */
  dataDir?: string;
  /**
   * Client connections served at once (default 1). Their queries are multiplexed onto the
   * one PGlite session, so only single statements or one connection's transaction at a time
   * are safe: tests use a second connection to inspect what the API wrote.
   */
  maxConnections?: number;
}

/**
 * Starts PGlite (PostgreSQL compiled to WASM) in this process and serves it on a
 * loopback port over the PostgreSQL wire protocol, so the API uses the same `pg`
 * driver, SQL and migrations as with a real server. PGlite is a single session:
 * the pool that talks to it must have exactly one connection.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const lock = options.dataDir ? acquireDataDirLock(options.dataDir) : undefined;
  try {
    const pgdata = options.dataDir ? join(options.dataDir, 'pgdata') : undefined;
    const db = await PGlite.create({ dataDir: pgdata });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections ?? 1 });
    await server.start();
    const address = server.getServerConn();
    return {
      url: `postgres://postgres@${address}/postgres`,
      async stop() {
        await server.stop();
        await db.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * Two processes writing one PGlite directory would corrupt it; the lock file names
 * the pid that owns the directory and is taken over only when that pid is gone.
 */
function acquireDataDirLock(dataDir: string): { release(): void } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'embedded-postgres.lock');
  const owner = readLockOwner(path);
  if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `The embedded database in ${dataDir} is in use by process ${owner}; stop it or choose another DATA_DIR`,
    );
  }
  writeFileSync(path, String(process.pid), { mode: 0o600 });
  return {
    release() {
      if (readLockOwner(path) === process.pid) {
        rmSync(path, { force: true });
      }
    },
  };
}

function readLockOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
