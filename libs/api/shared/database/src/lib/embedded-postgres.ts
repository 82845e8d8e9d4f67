import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** The file name `pg` looks for in a socket directory (port 5432). */
const SOCKET_FILE = '.s.PGSQL.5432';
/** sun_path holds 108 bytes on Linux; longer DATA_DIRs get their socket in a private temp dir. */
const MAX_SOCKET_PATH = 100;

/**
 * Starts PGlite (PostgreSQL compiled to WASM) in this process and serves it over the
 * PostgreSQL wire protocol on a Unix socket, so the API uses the same `pg` driver, SQL and
 * migrations as with a real server. The socket lives in a directory only this user can enter
 * (mode 0700, the socket 0600): PGlite has no authentication, and a TCP port would let any
 * local user read the users table. PGlite is a single session: the pool that talks to it must
 * have exactly one connection.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const lock = options.dataDir ? acquireDataDirLock(options.dataDir) : undefined;
  try {
    const pgdata = options.dataDir ? join(options.dataDir, 'pgdata') : undefined;
    const db = await PGlite.create({ dataDir: pgdata });
    const socket = privateSocketDir(options.dataDir);
    const server = new PGLiteSocketServer({
      db,
      path: join(socket.dir, SOCKET_FILE),
      maxConnections: options.maxConnections ?? 1,
    });
    await server.start();
    chmodSync(join(socket.dir, SOCKET_FILE), 0o600);
    return {
      url: `postgres://postgres@${encodeURIComponent(socket.dir)}/postgres`,
      async stop() {
        await server.stop();
        await db.close();
        socket.remove();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** `DATA_DIR/run` (0700), or a fresh 0700 temp dir for an in-memory database or a long path. */
function privateSocketDir(dataDir: string | undefined): {
  dir: string;
  remove(): void;
} {
  if (dataDir) {
    const dir = join(dataDir, 'run');
    if (join(dir, SOCKET_FILE).length <= MAX_SOCKET_PATH) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // mkdir's mode does not apply to a directory that already exists.
      chmodSync(dir, 0o700);
      // A socket left by a process that was killed would make listen() fail with EADDRINUSE.
      rmSync(join(dir, SOCKET_FILE), { force: true });
      return {
        dir,
        remove: () => rmSync(join(dir, SOCKET_FILE), { force: true }),
      };
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'mcp-fleet-pg-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
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
    throw new Error(`The embedded database in ${dataDir} is in use by process ${owner}; stop it or choose another DATA_DIR`);
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
