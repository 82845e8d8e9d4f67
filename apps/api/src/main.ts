import { join } from 'node:path';

import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

import { AppConfig, ConfigValidationError, KeyRing, loadAppConfig } from '@mcp-fleet/api/shared/config';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@mcp-fleet/api/shared/database';
import { configureHttp, createFastifyAdapter, createLogger, PinoNestLogger, serveConsole } from '@mcp-fleet/api/shared/http';
import { loadOrCreateKey } from '@mcp-fleet/api/shared/security';

import { AppModule } from './app/app.module';

const VERSION = '0.1.0';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  let embedded: EmbeddedPostgres | undefined;
  try {
    if (config.embeddedDatabase) {
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
      logger.info({ dataDir: config.dataDir }, 'Embedded PostgreSQL (PGlite) started');
    }
    const database = embedded
      ? { url: embedded.url, poolSize: 1 }
      : { url: config.databaseUrl as string, poolSize: config.databasePoolSize };

    const keys = loadKeys(config);
    logger.info({ jwtSecret: keys.sources.jwt, secretsKey: keys.sources.secrets }, 'Key material loaded');

    const app = await NestFactory.create<NestFastifyApplication>(
      AppModule.register(config, keys.ring, database),
      createFastifyAdapter(config, logger),
      { logger: new PinoNestLogger(logger), bufferLogs: true, bodyParser: false },
    );
    await configureHttp(app, config, VERSION);
    const consoleDir = config.consoleDir ?? join(__dirname, '..', 'console', 'browser');
    if (!(await serveConsole(app, consoleDir))) {
      logger.warn({ consoleDir }, 'No console build found; serving the API only');
    }
    await app.listen({ port: config.port, host: config.host });
    logger.info({ url: await app.getUrl(), database: embedded ? 'embedded' : 'external' }, 'mcp-fleet is listening');

    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'Shutting down');
      await app.close();
      await embedded?.stop();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  } catch (error) {
    logger.fatal({ err: error }, 'mcp-fleet failed to start');
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

/** Keys from the environment, or generated once into DATA_DIR (0600) and reused. */
function loadKeys(config: AppConfig): { ring: KeyRing; sources: { jwt: string; secrets: string } } {
  const jwt = loadOrCreateKey({ name: 'jwt.secret', dataDir: config.dataDir, fromEnv: config.jwtSecret, format: 'secret' });
  const secrets = loadOrCreateKey({ name: 'secrets.key', dataDir: config.dataDir, fromEnv: config.secretsKey, format: 'key32' });
  return { ring: new KeyRing(jwt.key.toString('utf8'), secrets.key), sources: { jwt: jwt.source, secrets: secrets.source } };
}

function readConfig(): AppConfig {
  try {
    return loadAppConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

void main();
