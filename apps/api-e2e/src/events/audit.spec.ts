import { ADMIN, fixture, http, useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, AuditEntry, AuditPage, CommandResult, EventPage, McpServer, Principal } from '@mcp-fleet/shared/contracts';

import { correlationId, createUser, qs, registerServer, USER_PASSWORD, whoAmI } from './events-helpers';

const USER_AGENT = 'e2e-audit-agent/1.0 (+https://example.com/bot)';
const LOOPBACK = /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/;

describe('GET /api/mcp/audit', () => {
  const api = useApi();
  const as = (id: string) => ({ 'x-correlation-id': id, 'user-agent': USER_AGENT });
  let admin: Principal;
  let operator: { user: { id: string; email: string }; token: string };
  let viewer: { user: { id: string; email: string }; token: string };

  beforeAll(async () => {
    admin = await whoAmI(api);
    operator = await createUser(api, 'operator@example.com', 'operator');
    viewer = await createUser(api, 'viewer@example.com', 'viewer');
  });

  const auditFor = async (id: string): Promise<AuditEntry[]> => {
    const response = await api.get<AuditPage>(`/api/mcp/audit${qs({ correlationId: id })}`);
    expect(response.status).toBe(200);
    return response.body.items;
  };

  it('is for admins only', async () => {
    const asAdmin = await api.get<AuditPage>('/api/mcp/audit');
    const asOperator = await api.as(operator.token).get<ApiError>('/api/mcp/audit');
    const asViewer = await api.as(viewer.token).get<ApiError>('/api/mcp/audit');
    const anonymous = await api.anonymous.get<ApiError>('/api/mcp/audit');

    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.items.length).toBeGreaterThan(0);
    expect([asOperator.status, asOperator.body.code]).toEqual([403, 'FORBIDDEN']);
    expect([asViewer.status, asViewer.body.code]).toEqual([403, 'FORBIDDEN']);
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('records register, update and delete: who, what, from where, and how it ended', async () => {
    const ids = { register: correlationId('register'), update: correlationId('update'), delete: correlationId('delete') };
    const server = await registerServer(api, 'audited', undefined, as(ids.register));
    const update = await api.patch<McpServer>(`/api/mcp/servers/${server.id}`, { version: 1, description: 'x' }, as(ids.update));
    const removal = await api.delete(`/api/mcp/servers/${server.id}`, as(ids.delete));

    const [registered, ...moreRegistered] = await auditFor(ids.register);
    const [updated, ...moreUpdated] = await auditFor(ids.update);
    const [deleted, ...moreDeleted] = await auditFor(ids.delete);

    expect([update.status, removal.status]).toEqual([200, 204]);
    expect([moreRegistered, moreUpdated, moreDeleted]).toEqual([[], [], []]);
    const common = {
      actor: { kind: 'user', id: admin.id, name: ADMIN.email },
      userAgent: USER_AGENT,
      result: 'success',
      errorCode: null,
      via: 'rest',
    };
    expect(registered).toMatchObject({
      ...common,
      action: 'server.register',
      target: { type: 'server', id: server.id, name: 'audited' },
      statusCode: 201,
      correlationId: ids.register,
    });
    expect(updated).toMatchObject({
      ...common,
      action: 'server.update',
      target: { type: 'server', id: server.id, name: 'audited' },
      statusCode: 200,
      correlationId: ids.update,
    });
    expect(deleted).toMatchObject({ ...common, action: 'server.delete', statusCode: 204, correlationId: ids.delete });
    expect([registered.ip, updated.ip, deleted.ip]).toEqual([
      expect.stringMatching(LOOPBACK),
      expect.stringMatching(LOOPBACK),
      expect.stringMatching(LOOPBACK),
    ]);
    expect(registered.seq).toBeLessThan(updated.seq);
    expect(updated.seq).toBeLessThan(deleted.seq);
    expect(deleted.target).toMatchObject({ type: 'server', id: server.id });
  });

  it('names the deleted server in the audit row of its deletion', async () => {
    const id = correlationId('delete-named');
    const server = await registerServer(api, 'deleted-by-name');

    const removal = await api.delete(`/api/mcp/servers/${server.id}`, as(id));
    const [deleted] = await auditFor(id);

    expect(removal.status).toBe(204);
    // The server is gone, so its id alone no longer says which server it was.
    expect(deleted.target).toEqual({ type: 'server', id: server.id, name: 'deleted-by-name' });
  });

  it('records a failed mutation as a failure, with its error code', async () => {
    const server = await registerServer(api, 'contested');
    await api.patch(`/api/mcp/servers/${server.id}`, { version: 1, description: 'first' });
    const id = correlationId('stale');

    const stale = await api.patch<ApiError>(`/api/mcp/servers/${server.id}`, { version: 1, description: 'second' }, as(id));
    const [entry, ...more] = await auditFor(id);

    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      action: 'server.update',
      target: { type: 'server', id: server.id },
      actor: { kind: 'user', id: admin.id },
      result: 'failure',
      statusCode: 409,
      errorCode: 'VERSION_CONFLICT',
      userAgent: USER_AGENT,
      correlationId: id,
    });
  });

  it('records a command that ran and failed (200, success false) as a failure, with the failure reason', async () => {
    const server = await registerServer(api, 'fails-its-start', {
      command: process.execPath,
      args: [fixture('exit-immediately.mjs')],
      retryAttempts: 0,
    });
    const id = correlationId('failed-start');

    const start = await api.post<CommandResult>(`/api/mcp/servers/${server.id}/start`, undefined, as(id));
    const [entry, ...more] = await auditFor(id);

    expect([start.status, start.body.success, start.body.errorCode]).toEqual([200, false, 'EXITED']);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      action: 'server.start',
      target: { type: 'server', id: server.id },
      result: 'failure',
      statusCode: 200,
      errorCode: 'EXITED',
    });
  });

  it('records a mutation refused for lack of permission as denied, with a security event', async () => {
    const id = correlationId('denied');

    const refused = await api
      .as(operator.token)
      .post<ApiError>('/api/mcp/servers', { name: 'not-allowed', transport: 'stdio', config: { command: 'node' } }, as(id));
    const [entry, ...more] = await auditFor(id);
    const events = (await api.get<EventPage>(`/api/mcp/events${qs({ correlationId: id })}`)).body.items;
    const servers = (await api.get<{ items: McpServer[] }>('/api/mcp/servers?search=not-allowed')).body.items;

    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(servers).toEqual([]);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      action: 'server.register',
      actor: { kind: 'user', id: operator.user.id, name: 'operator@example.com' },
      result: 'denied',
      statusCode: 403,
      errorCode: 'FORBIDDEN',
      userAgent: USER_AGENT,
    });
    expect(entry.ip).toMatch(LOOPBACK);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'auth.access_denied',
      category: 'security',
      actor: { kind: 'user', id: operator.user.id, name: 'operator@example.com' },
      correlationId: id,
    });
    expect(events[0].message).toContain('mcp:configure_servers');
  });

  it('records a sign-in with the user who signed in as the actor, and a failed one as anonymous', async () => {
    const ok = correlationId('login');
    const bad = correlationId('bad-login');

    const signIn = await api.anonymous.post('/api/auth/login', { email: 'viewer@example.com', password: USER_PASSWORD }, as(ok));
    const wrong = await api.anonymous.post('/api/auth/login', { email: 'Viewer@Example.com', password: 'not-the-password' }, as(bad));
    const [success] = await auditFor(ok);
    const [failure] = await auditFor(bad);

    expect([signIn.status, wrong.status]).toEqual([200, 401]);
    expect(success).toMatchObject({
      action: 'auth.login',
      actor: { kind: 'user', id: viewer.user.id, name: 'viewer@example.com' },
      target: { type: 'user', name: 'viewer@example.com' },
      result: 'success',
      statusCode: 200,
      userAgent: USER_AGENT,
    });
    expect(failure).toMatchObject({
      action: 'auth.login',
      actor: { kind: 'anonymous', id: null },
      target: { type: 'user', name: 'viewer@example.com' },
      result: 'failure',
      statusCode: 401,
      errorCode: 'INVALID_CREDENTIALS',
    });
  });

  it('filters by action prefix, result and actor, newest first', async () => {
    const all = (await api.get<AuditPage>('/api/mcp/audit?limit=1000')).body.items;
    const cases: [Record<string, string>, (entry: AuditEntry) => boolean][] = [
      [{ action: 'server.*' }, (e) => e.action.startsWith('server.')],
      [{ action: 'auth.login' }, (e) => e.action === 'auth.login'],
      [{ result: 'denied' }, (e) => e.result === 'denied'],
      [{ actor: 'OPERATOR@example.com' }, (e) => e.actor.name === 'operator@example.com'],
      [{ actor: admin.id }, (e) => e.actor.id === admin.id],
    ];

    for (const [params, matches] of cases) {
      const expected = all.filter(matches).map((e) => e.seq);
      const page = (await api.get<AuditPage>(`/api/mcp/audit${qs({ ...params, limit: 1000 })}`)).body;

      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
      expect(page.items.map((e) => e.seq)).toEqual(expected);
    }
    expect(all.map((e) => e.seq)).toEqual(all.map((e) => e.seq).sort((a, b) => b - a));
  });

  it('exports the matching entries, oldest first, as NDJSON or CSV; for admins only', async () => {
    const ids = [correlationId('export-a'), correlationId('export-b')];
    for (const id of ids) {
      await registerServer(api, `exported-${id.slice(-8)}`, undefined, as(id));
    }

    const ndjson = await api.get<string>(`/api/mcp/audit/export${qs({ action: 'server.register', result: 'success' })}`);
    const rows = ndjson.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditEntry);
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers.get('content-disposition')).toMatch(/^attachment; filename="mcp-fleet-audit-[^"]+Z\.ndjson"$/);
    expect(rows.every((row) => row.action === 'server.register' && row.result === 'success')).toBe(true);
    expect(rows.map((row) => row.seq)).toEqual([...rows.map((row) => row.seq)].sort((a, b) => a - b));
    expect(rows.filter((row) => ids.includes(row.correlationId ?? '')).map((row) => row.correlationId)).toEqual(ids);

    const csv = await api.get<string>(`/api/mcp/audit/export${qs({ correlationId: ids[0], format: 'csv' })}`);
    const [header, line, ...rest] = csv.body.trimEnd().split('\r\n');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(header.split(',').slice(0, 6)).toEqual(['seq', 'timestamp', 'actorKind', 'actorId', 'actorName', 'action']);
    expect(line).toContain(',server.register,');
    expect(rest).toEqual([]);

    const asViewer = await api.as(viewer.token).get<ApiError>('/api/mcp/audit/export');
    expect([asViewer.status, asViewer.body.code]).toEqual([403, 'FORBIDDEN']);
    const bad = await api.get<ApiError>('/api/mcp/audit/export?format=xml');
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('has no route that changes or deletes audit rows', async () => {
    const before = (await api.get<AuditPage>('/api/mcp/audit?limit=1000')).body.items;
    const token = await api.login(ADMIN.email, ADMIN.password);
    const auth = { authorization: `Bearer ${token}` };
    const first = before[before.length - 1];

    const attempts = await Promise.all([
      http<ApiError>(api.url, 'PATCH', '/api/mcp/audit', { result: 'success' }, auth),
      http<ApiError>(api.url, 'PUT', '/api/mcp/audit', { result: 'success' }, auth),
      http<ApiError>(api.url, 'DELETE', '/api/mcp/audit', undefined, auth),
      http<ApiError>(api.url, 'PATCH', `/api/mcp/audit/${first.seq}`, { result: 'success' }, auth),
      http<ApiError>(api.url, 'DELETE', `/api/mcp/audit/${first.seq}`, undefined, auth),
      http<ApiError>(api.url, 'DELETE', `/api/mcp/audit/${first.id}`, undefined, auth),
    ]);
    const after = (await api.get<AuditPage>('/api/mcp/audit?limit=1000')).body.items;

    expect(attempts.map((r) => [r.status, r.body.code])).toEqual(Array.from({ length: 6 }, () => [404, 'ROUTE_NOT_FOUND']));
    expect(after).toEqual(expect.arrayContaining(before));
  });

  it('is append-only in the database too: an UPDATE is refused', async () => {
    const denied = (await api.get<AuditPage>('/api/mcp/audit?result=denied')).body.items;

    await expect(api.sql(`UPDATE audit_log SET result = 'success', error_code = NULL WHERE result = 'denied'`)).rejects.toThrow();
    await expect(api.sql(`UPDATE audit_log SET actor_name = 'someone-else'`)).rejects.toThrow();
    const stillDenied = (await api.get<AuditPage>('/api/mcp/audit?result=denied')).body.items;
    const names = await api.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actor_name = 'someone-else'`);

    expect(denied.length).toBeGreaterThan(0);
    expect(stillDenied).toEqual(denied);
    expect(names).toEqual([{ n: 0 }]);
  });
});
