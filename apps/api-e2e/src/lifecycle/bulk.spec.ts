import { ADMIN, eventually, useApi } from '@mcp-fleet/api/shared/testing';
import type { BulkOperationProgress, BulkOperationResponse, McpServer } from '@mcp-fleet/shared/contracts';

import { nextMessage, useSockets } from '../support/fleet-socket';
import { registerFixture } from '../support/mcp-runtime';

const MISSING = '00000000-0000-4000-8000-00000000dead';

describe('bulk start / stop / restart', () => {
  const api = useApi({ BULK_CONCURRENCY: '2' });
  const sockets = useSockets(() => api.url);
  let servers: McpServer[];
  let broken: McpServer;

  beforeAll(async () => {
    servers = [];
    for (const name of ['bulk-a', 'bulk-b', 'bulk-c']) {
      servers.push(await registerFixture(api, name, 'v2-server.mjs'));
    }
    broken = await registerFixture(api, 'bulk-broken', 'exit-immediately.mjs', ['3'], { retryAttempts: 0 });
  });

  const bulk = (operation: string, serverIds: string[], headers: Record<string, string> = {}) =>
    api.post<BulkOperationResponse>(`/api/mcp/servers/bulk/${operation}`, { serverIds }, headers);
  const states = async () =>
    Object.fromEntries(
      (await api.sql<{ name: string; state: string }>(`SELECT name, state FROM mcp_servers WHERE name LIKE 'bulk-%' ORDER BY name`)).map(
        (r) => [r.name, r.state],
      ),
    );

  it('starts many servers with a result per server, in the order asked, and one failure never fails the batch', async () => {
    const socket = await sockets.connect(await api.login(ADMIN.email, ADMIN.password));
    const progress: BulkOperationProgress[] = [];
    socket.on('bulk_operation_progress', (tick) => progress.push(tick));
    const confirmed = nextMessage(socket, 'subscription_confirmed');
    socket.emit('subscribe', { events: ['bulk_operation_progress'] });
    await confirmed;

    const ids = [...servers.map((s) => s.id), broken.id, MISSING];
    const response = await bulk('start', ids);
    await eventually(() => progress.some((tick) => tick.completed === ids.length), 'the last progress tick');
    const last = progress[progress.length - 1];

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ operation: 'start', total: 5, succeeded: 3, failed: 2 });
    expect(response.body.results.map((r) => r.serverId)).toEqual(ids);
    expect(response.body.results.slice(0, 3).every((r) => r.success && r.state === 'running')).toBe(true);
    expect(response.body.results[3]).toMatchObject({ success: false, code: 'EXITED', state: 'error' });
    expect(response.body.results[4]).toMatchObject({ success: false, code: 'SERVER_NOT_FOUND' });
    expect(await states()).toEqual({ 'bulk-a': 'running', 'bulk-b': 'running', 'bulk-broken': 'error', 'bulk-c': 'running' });
    // Progress: a first tick at 0, then one per server, all under the operation's id.
    expect(last).toMatchObject({ operationId: response.body.operationId, total: 5, succeeded: 3, failed: 2 });
    expect(progress.map((tick) => tick.completed)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(progress.map((tick) => tick.operationId))).toEqual(new Set([response.body.operationId]));
  });

  it('records one bulk.completed event with the failures', async () => {
    const rows = await api.sql<{ data: { operation: string; succeeded: number; failed: number; failures: { serverId: string }[] } }>(
      `SELECT data FROM events WHERE type = 'bulk.completed' ORDER BY seq`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].data).toMatchObject({ operation: 'start', succeeded: 3, failed: 2 });
    expect(rows[0].data.failures.map((f) => f.serverId).sort()).toEqual([broken.id, MISSING].sort());
  });

  it('answers a retry with the same Idempotency-Key from memory instead of running again', async () => {
    const ids = servers.map((s) => s.id);
    const first = await bulk('restart', ids, { 'idempotency-key': 'restart-once' });
    const startsAfterFirst = await api.sql<{ count: string }>(`SELECT count(*)::text AS count FROM events WHERE type = 'server.started'`);
    const retry = await bulk('restart', ids, { 'idempotency-key': 'restart-once' });
    const startsAfterRetry = await api.sql<{ count: string }>(`SELECT count(*)::text AS count FROM events WHERE type = 'server.started'`);

    expect(first.status).toBe(200);
    expect(first.body.succeeded).toBe(3);
    expect(retry.status).toBe(200);
    expect(retry.body.operationId).toBe(first.body.operationId);
    expect(startsAfterRetry[0].count).toBe(startsAfterFirst[0].count);
  });

  it('refuses the same Idempotency-Key for a different request', async () => {
    const response = await bulk('restart', [servers[0].id], { 'idempotency-key': 'restart-once' });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_MISMATCH' });
  });

  it('stops them all, and refuses bad input with 400 before touching anything', async () => {
    for (const body of [{ serverIds: [] }, { serverIds: ['not-a-uuid'] }, { serverIds: [servers[0].id, servers[0].id] }, {}]) {
      const refused = await api.post('/api/mcp/servers/bulk/stop', body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const tooMany = await bulk(
      'stop',
      Array.from({ length: 501 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
    );
    expect(tooMany.status).toBe(400);
    expect(await states()).toMatchObject({ 'bulk-a': 'running', 'bulk-b': 'running', 'bulk-c': 'running' });

    const stopped = await bulk('stop', [...servers.map((s) => s.id), broken.id]);
    expect(stopped.body).toMatchObject({ total: 4, succeeded: 4, failed: 0 });
    expect(await states()).toEqual({ 'bulk-a': 'stopped', 'bulk-b': 'stopped', 'bulk-broken': 'stopped', 'bulk-c': 'stopped' });
  });

  it('is refused to a viewer', async () => {
    await api.post('/api/mcp/users', { email: 'bulk-viewer@example.com', role: 'viewer', password: 'viewer-password-12' });
    const viewer = api.as(await api.login('bulk-viewer@example.com', 'viewer-password-12'));
    const response = await viewer.post('/api/mcp/servers/bulk/start', { serverIds: [servers[0].id] });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
  });
});
