import { ADMIN, useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, SystemInfo } from '@mcp-fleet/shared/contracts';

describe('platform endpoints and cross-cutting behaviour', () => {
  const api = useApi();

  it('GET /health answers ok', async () => {
    const response = await api.get<{ status: string; uptimeSeconds: number }>('/health');

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('GET /ready reports the database, the migrations and the supervisor as up', async () => {
    const response = await api.get('/ready');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready', checks: { database: 'up', migrations: 'up', supervisor: 'up' } });
  });

  it('GET /api/system-info describes the instance and counts servers by state, for signed-in callers only', async () => {
    await api.post('/api/mcp/servers', { name: 'counted', transport: 'stdio', config: { command: 'node', args: ['x.js'] } });
    const response = await api.get<SystemInfo>('/api/system-info');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ version: '0.1.0', database: 'external', servers: { byState: { stopped: 1 } } });
    expect(response.body.servers.total).toBe(1);
    expect(response.body.cpu.cores).toBeGreaterThanOrEqual(1);
    expect(response.body.memory.processRssBytes).toBeGreaterThan(0);
    expect(response.body.disk?.freeBytes).toBeGreaterThan(0);
    expect(response.body.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect((await api.anonymous.get('/api/system-info')).status).toBe(401);
  });

  it('echoes a safe x-correlation-id and generates one otherwise', async () => {
    const echoed = await api.get('/health', { 'x-correlation-id': 'trace-123.abc' });
    const generated = await api.get('/health', { 'x-correlation-id': 'bad id with spaces' });

    expect(echoed.headers.get('x-correlation-id')).toBe('trace-123.abc');
    expect(generated.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request correlation id into error bodies', async () => {
    const response = await api.get<ApiError>('/api/mcp/servers/nope', { 'x-correlation-id': 'err-42' });

    expect(response.body.correlationId).toBe('err-42');
  });

  it('sends defensive headers (helmet), with a CSP that keeps plain-http deployments working', async () => {
    const response = await api.get('/health');
    const csp = response.headers.get('content-security-policy') ?? '';

    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('sends no CORS grant to an origin that is not configured', async () => {
    const response = await api.get('/api/mcp/servers', { origin: 'https://evil.example.com' });

    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each([
    ['GET', '/api/mcp/nothing-here'],
    ['POST', '/api/mcp/nothing-here'],
    ['PUT', '/api/mcp/servers'],
  ])('answers 404 ROUTE_NOT_FOUND for %s %s in the error shape', async (method, path) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await api.login(ADMIN.email, ADMIN.password)}` },
    });
    const body = (await response.json()) as ApiError;

    expect(response.status).toBe(404);
    expect(body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect(body.correlationId).toBe(response.headers.get('x-correlation-id'));
  });

  it('serves the OpenAPI document, generated from the code', async () => {
    const json = await api.get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('/api/docs-json');
    const ui = await api.get<string>('/api/docs');

    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths['/api/mcp/servers'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(json.body.paths['/api/mcp/servers/{id}'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    expect(ui.status).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('serves the console on the same port, including deep links', async () => {
    const root = await api.get<string>('/');
    const deepLink = await api.get<string>('/servers/some-id');

    expect(root.status).toBe(200);
    expect(root.body).toContain('<mf-root');
    expect(deepLink.status).toBe(200);
    expect(deepLink.body).toContain('<mf-root');
  });
});
