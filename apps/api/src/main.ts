import { join } from 'node:path';

import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

import { API_VERSION, AppConfig, ConfigValidationError, loadAppConfig } from '@mcp-fleet/api/shared/config';
import { configureHttp, createFastifyAdapter, createLogger, PinoNestLogger, serveConsole } from '@mcp-fleet/api/shared/http';

import { AppModule } from './app/app.module';
import { loadKeyRing, openDatabase, type OpenedDatabase } from './app/boot';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  let database: OpenedDatabase | undefined;
  try {
    database = await openDatabase(config, config.databasePoolSize);
    if (database.embedded) {
      logger.info({ dataDir: config.dataDir }, 'Embedded PostgreSQL (PGlite) started');
    }
    const keys = loadKeyRing(config);
    logger.info({ jwtSecret: keys.sources.jwt, secretsKey: keys.sources.secrets }, 'Key material loaded');

    const app = await NestFactory.create<NestFastifyApplication>(
      AppModule.register(config, keys.ring, database.connection),
      createFastifyAdapter(config, logger),
      { logger: new PinoNestLogger(logger), bufferLogs: true, bodyParser: false },
    );
    await configureHttp(app, config, API_VERSION);
    const consoleDir = config.consoleDir ?? join(__dirname, '..', 'console', 'browser');
    if (!(await serveConsole(app, consoleDir))) {
      logger.warn({ consoleDir }, 'No console build found; serving the API only');
    }
    await app.listen({ port: config.port, host: config.host });
    logger.info({ url: await app.getUrl(), database: database.embedded ? 'embedded' : 'external' }, 'mcp-fleet is listening');

    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'Shutting down');
      await app.close();
      await database?.close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  } catch (error) {
    logger.fatal({ err: error }, 'mcp-fleet failed to start');
    await database?.close().catch(() => undefined);
    process.exit(1);
  }
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
