import { readFileSync } from 'node:fs';

import { useApi } from '@mcp-fleet/api/shared/testing';
import type {
  ApiError,
  AuditPage,
  McpServer,
  McpServerDetail,
  Page,
  RestoreRevisionResponse,
  ServerRevision,
  ServerRevisionPage,
} from '@mcp-fleet/shared/contracts';

import { commandOk, correlationId, registerFixture, serverEvents, startedPid, startOk, withCorrelation } from '../support/mcp-runtime';

const OLD_KEY = 'sk-old-REVISION-1a2b3c';
const NEW_KEY = 'sk-new-REVISION-4d5e6f';

/** The value of `name` in the environment the process was started with (what the server itself sees). */
function processEnv(pid: number, name: string): string | undefined {
  const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  return entries.find((entry) => entry.startsWith(`${name}=`))?.slice(name.length + 1);
}

describe('server revisions, restore and pending restart', () => {
  const api = useApi();
  const seen: string[] = [];
  const revisions = async (id: string) => {
    const response = await api.get<ServerRevisionPage>(`/api/mcp/servers/${id}/revisions`);
    seen.push(JSON.stringify(response.body));
    return response;
  };
  const latestPid = async (id: string) => {
    const started = await serverEvents(api, id, 'server.started');
    return startedPid(started[started.length - 1]);
  };
  let server: McpServer;

  beforeAll(async () => {
    server = await registerFixture(api, 'keyed', 'v2-server.mjs', [], { env: { MODE: 'a', API_KEY: { secret: true, value: OLD_KEY } } });
  });

  it('records the registration and each edit: author, correlation id, changed paths, secrets masked', async () => {
    const edit = correlationId('edit');
    const patched = await api.patch<McpServer>(
      `/api/mcp/servers/${server.id}`,
      { version: 1, tags: ['blue'], config: { env: { MODE: 'b', API_KEY: { secret: true, value: NEW_KEY } } } },
      withCorrelation(edit),
    );
    const page = await revisions(server.id);

    expect(patched.status).toBe(200);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    const [second, first] = page.body.items;
    expect(first).toMatchObject({ revision: 1, action: 'create', actor: { kind: 'user', name: 'admin@example.com' } });
    expect(first.registration.config.env).toEqual({ MODE: 'a', API_KEY: { secret: true } });
    expect(first.changes.map((change) => change.field)).toContain('config.command');
    expect(second).toMatchObject({ revision: 2, action: 'update', correlationId: edit, restoredFrom: null });
    expect(second.changes).toEqual([
      { field: 'tags', before: [], after: ['blue'] },
      { field: 'config.env.API_KEY', before: { secret: true }, after: { secret: true }, secret: true },
      { field: 'config.env.MODE', before: 'a', after: 'b' },
    ]);
  });

  it('shows one revision, and answers 404 or 400 for a revision that is not there', async () => {
    const one = await api.get<ServerRevision>(`/api/mcp/servers/${server.id}/revisions/1`);
    const missing = await api.get<ApiError>(`/api/mcp/servers/${server.id}/revisions/99`);
    const malformed = await api.get<ApiError>(`/api/mcp/servers/${server.id}/revisions/first`);
    seen.push(JSON.stringify(one.body));

    expect([one.status, one.body.registration.name, one.body.registration.tags]).toEqual([200, 'keyed', []]);
    expect([missing.status, missing.body.code]).toEqual([404, 'REVISION_NOT_FOUND']);
    expect([malformed.status, malformed.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('says a running server waits for a restart after an edit of how it starts, and not after the restart', async () => {
    /** The server as the list shows it. */
    const listed = async () => (await api.get<Page<McpServer>>('/api/mcp/servers?search=keyed')).body.items[0];
    await startOk(api, server.id);
    const current = (await api.get<McpServerDetail>(`/api/mcp/servers/${server.id}`)).body;
    const listedBefore = await listed();
    expect([current.pendingRestart, current.pendingPaths]).toEqual([false, []]);

    const patched = await api.patch<McpServer>(`/api/mcp/servers/${server.id}`, {
      version: current.version,
      config: { env: { MODE: 'c', API_KEY: { secret: true } } },
    });
    const waiting = (await api.get<McpServerDetail>(`/api/mcp/servers/${server.id}`)).body;
    const listedWaiting = await listed();
    await commandOk(api, server.id, 'restart');
    const restarted = (await api.get<McpServerDetail>(`/api/mcp/servers/${server.id}`)).body;
    const listedRestarted = await listed();

    expect([listedBefore?.pendingRestart, listedBefore?.pendingPaths]).toEqual([false, []]);
    expect([waiting.pendingRestart, waiting.pendingPaths]).toEqual([true, ['config.env.MODE']]);
    expect([patched.body.pendingRestart, patched.body.pendingPaths]).toEqual([true, ['config.env.MODE']]);
    expect([listedWaiting?.pendingRestart, listedWaiting?.pendingPaths]).toEqual([true, ['config.env.MODE']]);
    expect([restarted.state, restarted.pendingRestart, restarted.pendingPaths]).toEqual(['running', false, []]);
    expect([listedRestarted?.state, listedRestarted?.pendingRestart, listedRestarted?.pendingPaths]).toEqual(['running', false, []]);
    expect(processEnv(await latestPid(server.id), 'API_KEY')).toBe(NEW_KEY);
  });

  it('restores revision 1 with its old secret: a new revision, audited, and the process gets the old value', async () => {
    const restoring = correlationId('restore');
    const restored = await api.post<RestoreRevisionResponse>(
      `/api/mcp/servers/${server.id}/revisions/1/restore`,
      {},
      withCorrelation(restoring),
    );
    seen.push(JSON.stringify(restored.body));
    const waiting = (await api.get<McpServerDetail>(`/api/mcp/servers/${server.id}`)).body;
    await commandOk(api, server.id, 'restart');
    const audit = await api.get<AuditPage>(`/api/mcp/audit?action=server.restore&correlationId=${restoring}`);
    const newest = (await revisions(server.id)).body.items[0];

    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ revision: 4, tags: [], config: { env: { MODE: 'a', API_KEY: { secret: true } } } });
    expect(restored.body.appliesAtNextStart).toEqual(['config.env.API_KEY', 'config.env.MODE']);
    expect(waiting.pendingPaths).toEqual(['config.env.API_KEY', 'config.env.MODE']);
    expect(newest).toMatchObject({ revision: 4, action: 'restore', restoredFrom: 1, correlationId: restoring });
    expect(processEnv(await latestPid(server.id), 'API_KEY')).toBe(OLD_KEY);
    expect(audit.body.items).toMatchObject([
      { action: 'server.restore', result: 'success', target: { type: 'server', id: server.id, name: 'keyed' } },
    ]);
    await commandOk(api, server.id, 'stop');
  });

  it('refuses a restore to a name another server now has (409), changing nothing', async () => {
    const { version } = (await api.get<McpServer>(`/api/mcp/servers/${server.id}`)).body;
    const renamed = await api.patch<McpServer>(`/api/mcp/servers/${server.id}`, { version, name: 'keyed-renamed' });
    await registerFixture(api, 'keyed', 'v2-server.mjs');

    const refused = await api.post<ApiError>(`/api/mcp/servers/${server.id}/revisions/1/restore`, {});
    const after = (await api.get<McpServer>(`/api/mcp/servers/${server.id}`)).body;

    expect(renamed.status).toBe(200);
    expect([refused.status, refused.body.code]).toEqual([409, 'SERVER_NAME_TAKEN']);
    expect([after.name, after.version]).toEqual(['keyed-renamed', version + 1]);
    expect((await revisions(server.id)).body.total).toBe(5);
  });

  it('keeps a deleted server’s history readable by an admin, not by a viewer', async () => {
    await api.post('/api/mcp/users', { email: 'viewer@example.com', role: 'viewer', password: 'viewer-password-12' });
    const viewer = api.as(await api.login('viewer@example.com', 'viewer-password-12'));
    expect((await viewer.get(`/api/mcp/servers/${server.id}/revisions`)).status).toBe(200);

    expect((await api.delete(`/api/mcp/servers/${server.id}`)).status).toBe(204);
    const asAdmin = await revisions(server.id);
    const asViewer = await viewer.get<ApiError>(`/api/mcp/servers/${server.id}/revisions/1`);

    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.total).toBe(5);
    expect(asAdmin.body.items[0].serverDeletedAt).not.toBeNull();
    expect([asViewer.status, asViewer.body.code]).toEqual([404, 'SERVER_NOT_FOUND']);
  });

  it('never lets a secret out, nor its sealed text, and stores none in clear', async () => {
    const rows = await api.sql<{ row: string; sealed: string }>(
      'SELECT r::text AS row, sealed_secrets::text AS sealed FROM server_revisions r',
    );
    const stored = rows.map((r) => r.row).join('\n');
    const everything = [...seen, api.output()].join('\n');

    expect(rows.map((r) => r.sealed)).toContainEqual(expect.stringMatching(/^\{"env": \{"API_KEY": "v1\./));
    for (const secret of [OLD_KEY, NEW_KEY]) {
      expect(stored).not.toContain(secret);
      expect(everything).not.toContain(secret);
    }
    expect(seen.join('\n')).not.toContain('sealed');
  });
});
