import { randomBytes } from 'node:crypto';

import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, ModulesContainer, NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

import { AUDIT_METADATA } from '@mcp-fleet/api/shared/authz';
import { KeyRing, loadAppConfig } from '@mcp-fleet/api/shared/config';
import { configureHttp, createFastifyAdapter, createLogger } from '@mcp-fleet/api/shared/http';
import { createTestDatabase, type TestDatabase } from '@mcp-fleet/api/shared/testing';
import type { CreateApiTokenResponse, LoginResponse, McpServer, Permission } from '@mcp-fleet/shared/contracts';

import { AppModule } from './app.module';

type Access = 'public' | 'authenticated' | Permission;

/**
 * The expected access of every route. A route the app registers that is missing here
 * fails the test, so no new route can ship without a decision about who may call it.
 */
const EXPECTED: Record<string, Access> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /metrics': 'mcp:view_events',
  'POST /api/auth/login': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': 'public',
  // Not a user's route: another replica's signed request (checked by the route itself, below).
  'POST /api/internal/runtime': 'public',
  'POST /api/auth/password': 'authenticated',
  'GET /api/auth/me': 'authenticated',
  'GET /api/system-info': 'authenticated',
  'GET /api/mcp/overview': 'mcp:view_servers',
  'GET /api/mcp/gateway': 'mcp:view_servers',
  // The MCP gateway authenticates itself (outside Nest): mcp:call_tools or mcp:manage_servers.
  'POST /mcp': 'mcp:call_tools',
  'GET /mcp': 'mcp:call_tools',
  'DELETE /mcp': 'mcp:call_tools',
  'POST /mcp/:server': 'mcp:call_tools',
  'GET /mcp/:server': 'mcp:call_tools',
  'DELETE /mcp/:server': 'mcp:call_tools',
  'GET /.well-known/oauth-protected-resource': 'public',
  'GET /.well-known/oauth-protected-resource/*': 'public',
  'GET /api/mcp/servers': 'mcp:view_servers',
  'GET /api/mcp/metrics/history': 'mcp:view_servers',
  'GET /api/mcp/servers/matching': 'mcp:view_servers',
  'POST /api/mcp/servers': 'mcp:configure_servers',
  'POST /api/mcp/servers/import/registry': 'mcp:configure_servers',
  'POST /api/mcp/servers/import/registry/preview': 'mcp:configure_servers',
  'GET /api/mcp/servers/:id': 'mcp:view_servers',
  'PATCH /api/mcp/servers/:id': 'mcp:configure_servers',
  'DELETE /api/mcp/servers/:id': 'mcp:configure_servers',
  'POST /api/mcp/servers/bulk/start': 'mcp:bulk_operations',
  'POST /api/mcp/servers/bulk/stop': 'mcp:bulk_operations',
  'POST /api/mcp/servers/bulk/restart': 'mcp:bulk_operations',
  'POST /api/mcp/servers/:id/start': 'mcp:manage_servers',
  'POST /api/mcp/servers/:id/stop': 'mcp:manage_servers',
  'POST /api/mcp/servers/:id/restart': 'mcp:manage_servers',
  'POST /api/mcp/servers/:id/maintenance': 'mcp:manage_servers',
  'POST /api/mcp/servers/:id/maintenance/exit': 'mcp:manage_servers',
  // The permission of the commands it undoes.
  'POST /api/mcp/operations/:operationId/undo': 'mcp:manage_servers',
  'POST /api/mcp/servers/:id/health-check': 'mcp:manage_servers',
  'GET /api/mcp/servers/:id/metrics/history': 'mcp:view_servers',
  'GET /api/mcp/servers/:id/tools': 'mcp:view_servers',
  'GET /api/mcp/servers/:id/resources': 'mcp:view_servers',
  'GET /api/mcp/servers/:id/prompts': 'mcp:view_servers',
  'GET /api/mcp/servers/:id/logs': 'mcp:view_events',
  'GET /api/mcp/servers/:id/logs/download': 'mcp:view_events',
  'POST /api/mcp/servers/:id/tools/:tool/call': 'mcp:manage_servers',
  'GET /api/mcp/servers/:id/resource-templates': 'mcp:view_servers',
  'GET /api/mcp/servers/:id/resources/read': 'mcp:manage_servers',
  'POST /api/mcp/servers/:id/prompts/:name/get': 'mcp:manage_servers',
  'POST /api/mcp/servers/:id/complete': 'mcp:manage_servers',
  'GET /api/mcp/servers/:id/resources/subscriptions': 'mcp:view_servers',
  'POST /api/mcp/servers/:id/resources/subscriptions': 'mcp:manage_servers',
  'DELETE /api/mcp/servers/:id/resources/subscriptions': 'mcp:manage_servers',
  'PATCH /api/mcp/servers/:id/tools/:tool': 'mcp:configure_servers',
  'GET /api/mcp/servers/:id/drift': 'mcp:view_servers',
  'POST /api/mcp/servers/:id/tools/approve': 'mcp:configure_servers',
  'GET /api/mcp/servers/:id/revisions': 'mcp:view_servers',
  'GET /api/mcp/servers/:id/revisions/:rev': 'mcp:view_servers',
  'POST /api/mcp/servers/:id/revisions/:rev/restore': 'mcp:configure_servers',
  'GET /api/mcp/fleet/export': 'mcp:view_servers',
  'POST /api/mcp/fleet/apply': 'mcp:configure_servers',
  'GET /api/mcp/users': 'mcp:admin',
  'POST /api/mcp/users': 'mcp:admin',
  'PATCH /api/mcp/users/:id': 'mcp:admin',
  'POST /api/mcp/users/:id/reset-password': 'mcp:admin',
  'GET /api/mcp/api-tokens': 'mcp:admin',
  'POST /api/mcp/api-tokens': 'mcp:admin',
  'DELETE /api/mcp/api-tokens/:id': 'mcp:admin',
  'GET /api/mcp/events': 'mcp:view_events',
  'GET /api/mcp/events/export': 'mcp:view_events',
  'GET /api/mcp/instances': 'mcp:admin',
  'GET /api/mcp/audit': 'mcp:admin',
  'GET /api/mcp/audit/export': 'mcp:admin',
};

/** Routes Fastify serves directly (docs, console assets): public by design, see SECURITY.md. */
const OUTSIDE_NEST = [/^\/api\/docs/, /^\/\*$/, /^\/$/, /^\/(index\.html|favicon\.ico|main-|styles-|chunk-|polyfills-|media\/)/];

interface Caller {
  name: string;
  authorization?: string;
  permissions: Permission[] | 'none';
}

describe('authorization matrix (every route, every kind of caller)', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const routes: { method: string; url: string }[] = [];
  const callers: Caller[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadAppConfig({
      DATABASE_URL: database.url,
      LOG_LEVEL: 'silent',
      ADMIN_EMAIL: 'admin@example.com',
      ADMIN_PASSWORD: 'matrix-admin-password',
      CONSOLE_DIR: '/nonexistent',
    });
    const keys = new KeyRing(randomBytes(32).toString('base64url'), randomBytes(32));
    const adapter = createFastifyAdapter(config, createLogger('silent'));
    adapter.getInstance().addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD' && method !== 'OPTIONS') routes.push({ method, url: route.url });
      }
    });
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.register(config, keys, { url: database.url, poolSize: database.poolSize }),
      adapter,
      { logger: false, bodyParser: false },
    );
    await configureHttp(app, config, 'test');
    await app.init();
    await app.getHttpAdapter().getInstance().ready();

    const admin = await signIn('admin@example.com', 'matrix-admin-password');
    for (const role of ['viewer', 'operator'] as const) {
      await call('POST', '/api/mcp/users', `Bearer ${admin}`, { email: `${role}@example.com`, role, password: `${role}-password-12` });
    }
    const token = (
      await call('POST', '/api/mcp/api-tokens', `Bearer ${admin}`, { name: 'scoped', permissions: ['mcp:view_servers'] })
    ).json<CreateApiTokenResponse>().token;
    const server = (
      await call('POST', '/api/mcp/servers', `Bearer ${admin}`, { name: 'matrix', transport: 'stdio', config: { command: 'node' } })
    ).json<McpServer>();
    const serverScoped = (
      await call('POST', '/api/mcp/api-tokens', `Bearer ${admin}`, {
        name: 'one server',
        permissions: ['mcp:view_servers', 'mcp:view_events'],
        serverIds: [server.id],
      })
    ).json<CreateApiTokenResponse>().token;
    callers.push(
      { name: 'anonymous', permissions: 'none' },
      {
        name: 'viewer',
        authorization: `Bearer ${await signIn('viewer@example.com', 'viewer-password-12')}`,
        permissions: ['mcp:view_servers', 'mcp:view_events'],
      },
      {
        name: 'operator',
        authorization: `Bearer ${await signIn('operator@example.com', 'operator-password-12')}`,
        permissions: ['mcp:view_servers', 'mcp:view_events', 'mcp:manage_servers', 'mcp:bulk_operations', 'mcp:call_tools'],
      },
      {
        name: 'admin',
        authorization: `Bearer ${admin}`,
        permissions: [
          'mcp:view_servers',
          'mcp:view_events',
          'mcp:manage_servers',
          'mcp:bulk_operations',
          'mcp:configure_servers',
          'mcp:admin',
          'mcp:call_tools',
        ],
      },
      { name: 'scoped API token', authorization: `Bearer ${token}`, permissions: ['mcp:view_servers'] },
      // Limited to one server: another server's routes answer 404, never 401 or 403.
      { name: 'server-scoped API token', authorization: `Bearer ${serverScoped}`, permissions: ['mcp:view_servers', 'mcp:view_events'] },
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  async function call(method: string, url: string, authorization?: string, payload?: unknown) {
    return app.inject({
      method: method as 'GET',
      url,
      headers: authorization ? { authorization } : {},
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  }

  async function signIn(email: string, password: string): Promise<string> {
    const response = await call('POST', '/api/auth/login', undefined, { email, password });
    expect(response.statusCode).toBe(200);
    return response.json<LoginResponse>().accessToken;
  }

  const nestRoutes = () =>
    routes.filter((route) => !OUTSIDE_NEST.some((pattern) => pattern.test(route.url))).map((r) => `${r.method} ${r.url}`);

  it('knows every route the app registers, and every expected route exists', () => {
    const registered = [...new Set(nestRoutes())].sort();

    expect(registered).toEqual(Object.keys(EXPECTED).sort());
  });

  it('makes every mutating route declare whether and how it is audited', () => {
    const discovery = new DiscoveryService(app.get(ModulesContainer));
    const undeclared: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const prototype = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const mutating = [RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE];
        if (method !== undefined && mutating.includes(method) && Reflect.getMetadata(AUDIT_METADATA, handler) === undefined) {
          undeclared.push(`${wrapper.name}.${name}`);
        }
      }
    }

    expect(undeclared).toEqual([]);
  });

  it('gives each caller 401, 403 or access exactly as each route declares', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const key of Object.keys(EXPECTED)) {
      const [method, path] = key.split(' ');
      const url = path.replace(':id', '00000000-0000-4000-8000-000000000000');
      const access = EXPECTED[key];
      for (const caller of callers) {
        if (access === 'public') continue;
        const response = await call(method, url, caller.authorization, method === 'GET' || method === 'DELETE' ? undefined : {});
        const allowed = caller.permissions !== 'none' && (access === 'authenticated' || caller.permissions.includes(access));
        outcomes.push(`${key} as ${caller.name}: ${response.statusCode === 401 ? 401 : response.statusCode === 403 ? 403 : 'allowed'}`);
        expected.push(`${key} as ${caller.name}: ${caller.permissions === 'none' ? 401 : allowed ? 'allowed' : 403}`);
      }
    }

    expect(outcomes).toEqual(expected);
  });

  it('refuses the internal forward route to anyone without the replicas’ credential, an admin included', async () => {
    const body = { kind: 'stop', serverId: '00000000-0000-4000-8000-000000000000', payload: { context: {} } };
    for (const caller of callers) {
      const response = await call('POST', '/api/internal/runtime', caller.authorization, body);
      expect(`${caller.name}: ${response.statusCode} ${response.json<{ code: string }>().code}`).toBe(
        `${caller.name}: 401 UNAUTHENTICATED`,
      );
    }
  });

  it('keeps the public routes open to anonymous callers', async () => {
    expect((await call('GET', '/health')).statusCode).toBe(200);
    expect((await call('GET', '/ready')).statusCode).toBe(200);
    expect((await call('POST', '/api/auth/login', undefined, { email: 'x@example.com', password: 'wrong-password' })).statusCode).toBe(401);
    expect((await call('POST', '/api/auth/refresh')).json<{ code: string }>().code).toBe('REFRESH_TOKEN_INVALID');
  });
});
