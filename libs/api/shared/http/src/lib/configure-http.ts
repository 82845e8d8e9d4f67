import fastifyCookie from '@fastify/cookie';
import { ValidationPipe } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

import type { AppConfig } from '@mcp-fleet/api/shared/config';
import { GlobalExceptionFilter, validationExceptionFactory } from '@mcp-fleet/api/shared/errors';
import { CORRELATION_ID_HEADER, GATEWAY_PATH } from '@mcp-fleet/shared/contracts';

import { httpDuration } from './http-metrics';
import { registerJsonBodyParser, registerYamlBodyParser } from './json-body-parser';
import { securityHeaders } from './security-headers';
import { ConfiguredIoAdapter } from './socket-adapter';
import { StorableTextPipe } from './storable-text.pipe';

/** Routes that stay at the root, outside the `/api` prefix. */
const ROOT_ROUTES = ['health', 'ready', 'metrics'];

/** Everything about HTTP that is the same for every route: prefix, validation, errors, headers, docs. */
export async function configureHttp(app: NestFastifyApplication, config: AppConfig, version: string): Promise<void> {
  app.setGlobalPrefix('api', { exclude: ROOT_ROUTES });
  app.useGlobalPipes(
    new StorableTextPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new GlobalExceptionFilter());
  app.useWebSocketAdapter(new ConfiguredIoAdapter(app, config.corsOrigins));

  const fastify = app.getHttpAdapter().getInstance();
  const headers = securityHeaders();
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    void reply.headers(headers);
    void reply.header(CORRELATION_ID_HEADER, request.id);
    done();
  });
  await app.register(fastifyCookie);
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      credentials: true,
      exposedHeaders: [CORRELATION_ID_HEADER, 'retry-after'],
    });
  }
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // The route pattern, never the raw URL: ids in paths would make the label unbounded.
    httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    // MCP gateway traffic is audited and counted per call; its access log line is debug, so a busy
    // client does not pay a synchronous log write per request.
    const log = request.url.startsWith(GATEWAY_PATH) ? request.log.debug.bind(request.log) : request.log.info.bind(request.log);
    log(
      {
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    done();
  });
  registerJsonBodyParser(fastify);
  registerYamlBodyParser(fastify);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('mcp-fleet API')
      .setDescription('Control plane for fleets of Model Context Protocol servers')
      .setVersion(version)
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        description: 'Access token from /api/auth/login, or an API token',
      })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
  });
}
