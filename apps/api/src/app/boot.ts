import { type AppConfig, KeyRing } from '@mcp-fleet/api/shared/config';
import { type DatabaseConnection, startEmbeddedPostgres } from '@mcp-fleet/api/shared/database';
import { loadOrCreateKey } from '@mcp-fleet/api/shared/security';

/* What both entry points (the server and the command line) do before Nest starts. */

export interface OpenedDatabase {
  connection: DatabaseConnection;
  embedded: boolean;
  /** Stops the embedded database, if this process started one. */
  close(): Promise<void>;
}

/** The external PostgreSQL of DATABASE_URL, or an embedded one under DATA_DIR (always one connection). */
export async function openDatabase(config: AppConfig, externalPoolSize: number): Promise<OpenedDatabase> {
  if (!config.embeddedDatabase) {
    return {
      connection: { url: config.databaseUrl as string, poolSize: externalPoolSize },
      embedded: false,
      close: () => Promise.resolve(),
    };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
  return { connection: { url: embedded.url, poolSize: 1 }, embedded: true, close: () => embedded.stop() };
}

/** Keys from the environment, or generated once into DATA_DIR (0600) and reused. */
export function loadKeyRing(config: AppConfig): { ring: KeyRing; sources: { jwt: string; secrets: string } } {
  const jwt = loadOrCreateKey({ name: 'jwt.secret', dataDir: config.dataDir, fromEnv: config.jwtSecret, format: 'secret' });
  const secrets = loadOrCreateKey({ name: 'secrets.key', dataDir: config.dataDir, fromEnv: config.secretsKey, format: 'key32' });
  return { ring: new KeyRing(jwt.key.toString('utf8'), secrets.key), sources: { jwt: jwt.source, secrets: secrets.source } };
}
