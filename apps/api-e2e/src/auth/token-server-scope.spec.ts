import { ADMIN, useApi } from '@mcp-fleet/api/shared/testing';
import type {
  ApiError,
  ApiToken,
  AuditEntry,
  AuditPage,
  BulkOperationResponse,
  CreateApiTokenResponse,
  EventPage,
  FleetEvent,
  FleetOverview,
  McpServer,
  Page,
} from '@mcp-fleet/shared/contracts';

import { nextMessage, useSockets } from '../support/fleet-socket';
import { command, registerFixture, startOk } from '../support/mcp-runtime';

const MISSING = '00000000-0000-4000-8000-00000000dead';
const EVERYTHING = ['mcp:view_servers', 'mcp:view_events', 'mcp:manage_servers', 'mcp:bulk_operations'];

describe('API tokens limited to some servers', () => {
  const api = useApi();
  const sockets = useSockets(() => api.url);
  let mine: McpServer;
  let other: McpServer;
  let created: CreateApiTokenResponse;
  let unscoped: string;

  const createToken = (body: Record<string, unknown>) => api.post<CreateApiTokenResponse & ApiError>('/api/mcp/api-tokens', body);

  beforeAll(async () => {
    mine = await registerFixture(api, 'scope-mine', 'v2-server.mjs');
    other = await registerFixture(api, 'scope-other', 'v2-server.mjs');
    created = (await createToken({ name: 'one server', permissions: EVERYTHING, serverIds: [mine.id] })).body;
    unscoped = (await createToken({ name: 'every server', permissions: EVERYTHING })).body.token;
  });

  it('stores the scope and shows it in the token, in the list and in the creation event', async () => {
    const list = await api.get<ApiToken[]>('/api/mcp/api-tokens');
    const [event] = await api.sql<{ data: Record<string, unknown> }>(
      `SELECT data FROM events WHERE type = 'auth.api_token_created' AND data->>'tokenId' = $1`,
      [created.apiToken.id],
    );

    expect(created.apiToken.serverIds).toEqual([mine.id]);
    expect(list.body.find((t) => t.id === created.apiToken.id)?.serverIds).toEqual([mine.id]);
    expect(list.body.find((t) => t.name === 'every server')?.serverIds).toBeNull();
    expect(event.data['serverIds']).toEqual([mine.id]);
  });

  it('lists only its servers, and counts only them', async () => {
    const scoped = await api.as(created.token).get<Page<McpServer>>('/api/mcp/servers');
    const all = await api.as(unscoped).get<Page<McpServer>>('/api/mcp/servers');

    expect([scoped.body.items.map((s) => s.name), scoped.body.total]).toEqual([['scope-mine'], 1]);
    expect([all.body.items.map((s) => s.name).sort(), all.body.total]).toEqual([['scope-mine', 'scope-other'], 2]);
  });

  it('finds no server outside its scope: the same 404 as for an id nobody registered', async () => {
    await startOk(api, other.id);
    const token = api.as(created.token);
    const answers = [
      await token.get<ApiError>(`/api/mcp/servers/${other.id}`),
      await token.get<ApiError>(`/api/mcp/servers/${other.id}/tools`),
      await token.get<ApiError>(`/api/mcp/servers/${other.id}/logs`),
      await command<ApiError>(token, other.id, 'stop'),
      await token.post<ApiError>(`/api/mcp/servers/${other.id}/tools/echo/call`, { arguments: { text: 'hi' } }),
    ];
    const missing = await token.get<ApiError>(`/api/mcp/servers/${MISSING}`);
    const [{ state }] = await api.sql<{ state: string }>('SELECT state FROM mcp_servers WHERE id = $1', [other.id]);

    expect(answers.map((a) => `${a.status} ${a.body.code} ${a.body.message}`)).toEqual(
      Array(answers.length).fill(`404 SERVER_NOT_FOUND Server ${other.id} does not exist`),
    );
    expect([missing.status, missing.body.code, missing.body.details]).toEqual([404, 'SERVER_NOT_FOUND', { serverId: MISSING }]);
    expect(answers[0].body.details).toEqual({ serverId: other.id });
    expect(state).toBe('running'); // the stop never ran
    await command(api, other.id, 'stop');
  });

  it('still uses its own server: detail, catalog, start and a tool call', async () => {
    const token = api.as(created.token);
    const detail = await token.get<McpServer>(`/api/mcp/servers/${mine.id}`);
    const started = await command(token, mine.id, 'start');
    const tools = await token.get<unknown[]>(`/api/mcp/servers/${mine.id}/tools`);
    const call = await token.post<{ result?: { content?: { text?: string }[] } }>(`/api/mcp/servers/${mine.id}/tools/echo/call`, {
      arguments: { text: 'scoped hello' },
    });

    expect(detail.status).toBe(200);
    expect([started.status, started.body.success]).toEqual([200, true]);
    expect(tools.status).toBe(200);
    expect([call.status, call.body.result?.content?.[0]?.text]).toEqual([200, 'scoped hello']);
    await command(api, mine.id, 'stop');
  });

  it('runs a bulk start only on its servers; the others answer SERVER_NOT_FOUND untouched', async () => {
    const response = await api
      .as(created.token)
      .post<BulkOperationResponse>('/api/mcp/servers/bulk/start', { serverIds: [mine.id, other.id] });
    const states = await api.sql<{ name: string; state: string }>(
      `SELECT name, state FROM mcp_servers WHERE name LIKE 'scope-%' ORDER BY name`,
    );

    expect(response.status).toBe(200);
    expect(response.body.results.map((r) => [r.serverId, r.success, r.code ?? null])).toEqual([
      [mine.id, true, null],
      [other.id, false, 'SERVER_NOT_FOUND'],
    ]);
    expect(states.map((s) => `${s.name} ${s.state}`)).toEqual(['scope-mine running', 'scope-other stopped']);
    await command(api, mine.id, 'stop');
  });

  it('reads and exports only the events of its servers, and an overview of them only', async () => {
    const page = await api.as(created.token).get<EventPage>('/api/mcp/events?limit=500');
    const asked = await api.as(created.token).get<EventPage>(`/api/mcp/events?serverId=${other.id}`);
    const exported = await api.as(created.token).get<string>('/api/mcp/events/export?format=ndjson');
    const exportedEvents = String(exported.body)
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FleetEvent);
    const all = await api.as(unscoped).get<EventPage>('/api/mcp/events?limit=500');
    const overview = await api.as(created.token).get<FleetOverview>('/api/mcp/overview');

    expect(page.body.items.length).toBeGreaterThan(0);
    expect(new Set(page.body.items.map((e) => e.serverId))).toEqual(new Set([mine.id]));
    expect(page.body.total).toBe(page.body.items.length);
    expect([asked.status, asked.body.total]).toEqual([200, 0]);
    expect(new Set(exportedEvents.map((e) => e.serverId))).toEqual(new Set([mine.id]));
    expect(exportedEvents).toHaveLength(page.body.total);
    // The unscoped token sees the other server's events and the bulk summary (about no server).
    expect(all.body.items.some((e) => e.serverId === other.id)).toBe(true);
    expect(all.body.items.some((e) => e.serverId === null)).toBe(true);
    expect(overview.body.servers.total).toBe(1);
  });

  it('scrapes only the metric series of its servers, and those about no server', async () => {
    const scoped = await api.as(created.token).get<string>('/metrics');
    const all = await api.as(unscoped).get<string>('/metrics');

    expect(scoped.status).toBe(200);
    expect(String(scoped.body)).toContain('mcp_server_state{server_name="scope-mine"');
    expect(String(scoped.body)).toContain('process_cpu_user_seconds_total');
    expect(String(scoped.body)).not.toContain('scope-other');
    expect(String(all.body)).toContain('mcp_server_state{server_name="scope-other"');
  });

  it('reads and exports only the audit entries about its servers, even as an admin token', async () => {
    const admin = (await createToken({ name: 'audit reader', permissions: ['mcp:admin'], serverIds: [mine.id] })).body.token;
    const page = await api.as(admin).get<AuditPage>('/api/mcp/audit?limit=500');
    const exported = await api.as(admin).get<string>('/api/mcp/audit/export?format=ndjson');
    const exportedEntries = String(exported.body)
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuditEntry);
    const all = await api.get<AuditPage>('/api/mcp/audit?limit=500');

    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeGreaterThan(0);
    expect(new Set(page.body.items.map((e) => `${e.target?.type}:${e.target?.id}`))).toEqual(new Set([`server:${mine.id}`]));
    expect(page.body.total).toBe(page.body.items.length);
    expect(exportedEntries).toHaveLength(page.body.total);
    expect(new Set(exportedEntries.map((e) => e.target?.id))).toEqual(new Set([mine.id]));
    // An unscoped admin sees the other server's entries, and those about tokens and users.
    expect(all.body.items.some((e) => e.target?.id === other.id)).toBe(true);
    expect(all.body.items.some((e) => e.target?.type === 'api_token')).toBe(true);
  });

  it('hears only of its servers on the live feed', async () => {
    const scopedSocket = await sockets.connect(created.token);
    const adminSocket = await sockets.connect(await api.login(ADMIN.email, ADMIN.password));
    const heard: FleetEvent[] = [];
    scopedSocket.on('new_event', (event) => heard.push(event));
    for (const socket of [scopedSocket, adminSocket]) {
      const confirmed = nextMessage(socket, 'subscription_confirmed');
      socket.emit('subscribe', { events: ['new_event', 'server_status_change'] });
      await confirmed;
    }
    const otherStarted = nextMessage(adminSocket, 'new_event', (e) => e.serverId === other.id && e.type === 'server.started');
    const mineStarted = nextMessage(scopedSocket, 'new_event', (e) => e.serverId === mine.id && e.type === 'server.started');

    // The other server first: events go out in seq order, so its events would arrive before mine's.
    await startOk(api, other.id);
    await otherStarted;
    await startOk(api, mine.id);
    await mineStarted;

    expect(heard.length).toBeGreaterThan(0);
    expect(new Set(heard.map((e) => e.serverId))).toEqual(new Set([mine.id]));
    await command(api, mine.id, 'stop');
    await command(api, other.id, 'stop');
  });

  it.each([
    ['an id nobody registered', { serverIds: [MISSING] }, 400, 'VALIDATION_FAILED'],
    ['an empty list', { serverIds: [] }, 400, 'VALIDATION_FAILED'],
    ['a duplicate', { serverIds: ['MINE', 'mine'] }, 400, 'VALIDATION_FAILED'],
    ['an id that is no UUID', { serverIds: ['scope-mine'] }, 400, 'VALIDATION_FAILED'],
    ['null', { serverIds: null }, 400, 'VALIDATION_FAILED'],
  ])('refuses a scope with %s', async (_, scope, status, code) => {
    const serverIds = scope.serverIds?.map((id) => (id === 'MINE' ? mine.id.toUpperCase() : id === 'mine' ? mine.id : id)) ?? null;

    const response = await createToken({ name: 'bad scope', permissions: ['mcp:view_servers'], serverIds });

    expect([response.status, response.body.code]).toEqual([status, code]);
  });

  it('names the unknown ids when refusing a scope', async () => {
    const response = await createToken({ name: 'bad scope', permissions: ['mcp:view_servers'], serverIds: [mine.id, MISSING] });

    expect(response.body.details).toEqual([{ field: 'serverIds', messages: [`serverIds names servers that do not exist: ${MISSING}`] }]);
  });

  it('lets a scoped admin token mint only narrower tokens, and no users', async () => {
    const admin = (await createToken({ name: 'scoped admin', permissions: ['mcp:admin', 'mcp:view_servers'], serverIds: [mine.id] })).body
      .token;
    const as = api.as(admin);

    const wider = await as.post<ApiError>('/api/mcp/api-tokens', { name: 'x', permissions: ['mcp:view_servers'] });
    const beyond = await as.post<ApiError>('/api/mcp/api-tokens', { name: 'x', permissions: ['mcp:view_servers'], serverIds: [other.id] });
    const narrower = await as.post<CreateApiTokenResponse>('/api/mcp/api-tokens', {
      name: 'x',
      permissions: ['mcp:view_servers'],
      serverIds: [mine.id],
    });
    const user = await as.post<ApiError>('/api/mcp/users', { email: 'escape@example.com', role: 'viewer', password: 'escape-password-1' });

    expect([wider.status, wider.body.code]).toEqual([403, 'FORBIDDEN']);
    expect([beyond.status, beyond.body.code, beyond.body.details]).toEqual([403, 'FORBIDDEN', { serverIds: [other.id] }]);
    expect([narrower.status, narrower.body.apiToken.serverIds]).toEqual([201, [mine.id]]);
    expect([user.status, user.body.code]).toEqual([403, 'FORBIDDEN']);
  });
});
