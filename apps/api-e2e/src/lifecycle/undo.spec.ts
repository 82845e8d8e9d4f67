import { useApi } from '@mcp-fleet/api/shared/testing';
import type {
  ApiError,
  AuditEntry,
  BulkOperationResponse,
  CreateApiTokenResponse,
  McpServer,
  Page,
  UndoOperationResponse,
} from '@mcp-fleet/shared/contracts';

import { commandOk, getServer, registerFixture } from '../support/mcp-runtime';

const UNKNOWN = '00000000-0000-4000-8000-00000000beef';

describe('undo of lifecycle commands and bulk operations', () => {
  const api = useApi({ BULK_CONCURRENCY: '2' });
  let servers: McpServer[];

  beforeAll(async () => {
    servers = [];
    for (const name of ['undo-a', 'undo-b', 'undo-c']) {
      servers.push(await registerFixture(api, name, 'v2-server.mjs'));
    }
  });

  const bulk = (operation: string, serverIds: string[]) =>
    api.post<BulkOperationResponse>(`/api/mcp/servers/bulk/${operation}`, { serverIds });
  const undo = (operationId: string) => api.post<UndoOperationResponse>(`/api/mcp/operations/${operationId}/undo`);
  const states = async (): Promise<Record<string, string>> =>
    Object.fromEntries(
      await Promise.all(servers.map(async (s): Promise<[string, string]> => [s.name, (await getServer(api, s.id)).state])),
    );

  it('undoes a bulk stop: the servers that ran run again, with a result per server', async () => {
    const [a, b, c] = servers;
    await commandOk(api, a.id, 'start');
    await commandOk(api, b.id, 'start');
    const stopped = await bulk('stop', [a.id, b.id, c.id]);
    expect(stopped.status).toBe(200);
    expect(stopped.body.operationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await states()).toEqual({ 'undo-a': 'stopped', 'undo-b': 'stopped', 'undo-c': 'stopped' });

    const undone = await undo(stopped.body.operationId);

    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ operation: 'undo', undoneOperationId: stopped.body.operationId, conflicts: 0 });
    expect(undone.body.operationId).not.toBe(stopped.body.operationId);
    // c was stopped already and its stop was refused: nothing recorded, nothing to put back.
    expect(undone.body.results.map((r) => [r.serverId, r.success, r.state])).toEqual([
      [a.id, true, 'running'],
      [b.id, true, 'running'],
    ]);
    expect(await states()).toEqual({ 'undo-a': 'running', 'undo-b': 'running', 'undo-c': 'stopped' });
    expect(await getServer(api, a.id)).toMatchObject({ desiredState: 'running' });
  });

  it('refuses a second undo of the same operation with 409, and changes nothing', async () => {
    const [a, b] = servers;
    const stopped = await bulk('stop', [a.id, b.id]);
    await undo(stopped.body.operationId);

    const again = await undo(stopped.body.operationId);

    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'OPERATION_ALREADY_UNDONE' });
    expect(await states()).toMatchObject({ 'undo-a': 'running', 'undo-b': 'running' });
    await bulk('stop', [a.id, b.id]);
  });

  it('undoes a single start: the server is stopped again', async () => {
    const [, , c] = servers;
    const started = await commandOk(api, c.id, 'start');
    expect(started).toMatchObject({ success: true, state: 'running' });
    expect(started.operationId).toMatch(/^[0-9a-f-]{36}$/);

    const undone = await undo(started.operationId);

    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ total: 1, succeeded: 1, failed: 0, conflicts: 0 });
    expect(undone.body.results[0]).toMatchObject({ serverId: c.id, success: true, state: 'stopped' });
    expect(await getServer(api, c.id)).toMatchObject({ state: 'stopped', desiredState: 'stopped' });
  });

  it('undoes an undo (a redo): the server runs again', async () => {
    const [, , c] = servers;
    const started = await commandOk(api, c.id, 'start');
    const undone = await undo(started.operationId);

    const redone = await undo(undone.body.operationId);

    expect(redone.status).toBe(200);
    expect(redone.body).toMatchObject({ undoneOperationId: undone.body.operationId, succeeded: 1 });
    expect(await getServer(api, c.id)).toMatchObject({ state: 'running', desiredState: 'running' });
    await commandOk(api, c.id, 'stop');
  });

  it('reports a server someone changed since as a conflict, and leaves it as they left it', async () => {
    const [a, b] = servers;
    const started = await bulk('start', [a.id, b.id]);
    expect(started.body.succeeded).toBe(2);
    // Someone else puts b into maintenance after the bulk start.
    await commandOk(api, b.id, 'enter_maintenance');

    const undone = await undo(started.body.operationId);

    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ total: 2, succeeded: 1, failed: 1, conflicts: 1 });
    expect(undone.body.results[0]).toMatchObject({ serverId: a.id, success: true, state: 'stopped' });
    expect(undone.body.results[1]).toMatchObject({ serverId: b.id, success: false, code: 'UNDO_CONFLICT' });
    expect(undone.body.results[1].message).toContain('enter_maintenance');
    expect(await getServer(api, a.id)).toMatchObject({ state: 'stopped', desiredState: 'stopped' });
    expect(await getServer(api, b.id)).toMatchObject({ state: 'maintenance', desiredState: 'maintenance' });
    await commandOk(api, b.id, 'exit_maintenance');
  });

  it('puts maintenance back as it was: an undone exit from maintenance is maintenance again', async () => {
    const [a] = servers;
    await commandOk(api, a.id, 'enter_maintenance');
    const exited = await commandOk(api, a.id, 'exit_maintenance');

    const undone = await undo(exited.operationId);

    expect(undone.body.results[0]).toMatchObject({ success: true, state: 'maintenance' });
    expect(await getServer(api, a.id)).toMatchObject({ state: 'maintenance', desiredState: 'maintenance' });
    await commandOk(api, a.id, 'exit_maintenance');
    expect(await states()).toEqual({ 'undo-a': 'stopped', 'undo-b': 'stopped', 'undo-c': 'stopped' });
  });

  it('undoes maintenance entered on a running server: it runs again, though a start from maintenance is refused', async () => {
    const [a] = servers;
    await commandOk(api, a.id, 'start');
    const entered = await commandOk(api, a.id, 'enter_maintenance');
    expect(entered).toMatchObject({ success: true, state: 'maintenance' });

    const undone = await undo(entered.operationId);

    expect(undone.body).toMatchObject({ succeeded: 1, failed: 0 });
    expect(undone.body.results[0]).toMatchObject({ success: true, state: 'running' });
    expect(await getServer(api, a.id)).toMatchObject({ state: 'running', desiredState: 'running' });
    await commandOk(api, a.id, 'stop');
  });

  it('answers 404 for an operation it does not know, and 400 for an id that is not one', async () => {
    const unknown = await undo(UNKNOWN);
    const invalid = await undo('not-an-id');

    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'OPERATION_NOT_FOUND' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ code: 'INVALID_ID' });
  });

  it('audits every undo, with the operation it undid', async () => {
    const audit = await api.get<Page<AuditEntry>>('/api/mcp/audit?action=operation.undo');

    expect(audit.status).toBe(200);
    const results = audit.body.items.map((entry) => `${entry.result} ${entry.statusCode}`);
    expect(results).toEqual(expect.arrayContaining(['success 200', 'failure 409', 'failure 404']));
    expect(audit.body.items.every((entry) => entry.target?.type === 'operation')).toBe(true);
    const events = await api.sql<{ data: { operation: string; undoneOperationId: string } }>(
      `SELECT data FROM events WHERE type = 'bulk.completed' AND data->>'operation' = 'undo'`,
    );
    expect(events.length).toBeGreaterThanOrEqual(4);
    expect(events.every((event) => typeof event.data.undoneOperationId === 'string')).toBe(true);
  });

  it('asks for the bulk permission to undo an operation that changed several servers, and not for one', async () => {
    const [a, b, c] = servers;
    await commandOk(api, a.id, 'start');
    await commandOk(api, b.id, 'start');
    const stopped = await bulk('stop', [a.id, b.id]);
    const started = await commandOk(api, c.id, 'start');
    const created = await api.post<CreateApiTokenResponse>('/api/mcp/api-tokens', {
      name: 'one at a time',
      permissions: ['mcp:view_servers', 'mcp:manage_servers'],
    });
    const oneAtATime = api.as(created.body.token);

    const refused = await oneAtATime.post<ApiError>(`/api/mcp/operations/${stopped.body.operationId}/undo`);
    const single = await oneAtATime.post<UndoOperationResponse>(`/api/mcp/operations/${started.operationId}/undo`);

    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', details: { missing: ['mcp:bulk_operations'] } });
    expect(await states()).toEqual({ 'undo-a': 'stopped', 'undo-b': 'stopped', 'undo-c': 'stopped' });
    expect(single.status).toBe(200);
    // Refused, the operation was not used up: someone with the permission still undoes it.
    const undone = await undo(stopped.body.operationId);
    expect(undone.status).toBe(200);
    expect(await states()).toMatchObject({ 'undo-a': 'running', 'undo-b': 'running' });
    await bulk('stop', [a.id, b.id]);
  });

  it('is refused to a viewer', async () => {
    await api.post('/api/mcp/users', { email: 'undo-viewer@example.com', role: 'viewer', password: 'viewer-password-12' });
    const viewer = api.as(await api.login('undo-viewer@example.com', 'viewer-password-12'));
    const response = await viewer.post(`/api/mcp/operations/${UNKNOWN}/undo`);
    expect(response.status).toBe(403);
  });
});
