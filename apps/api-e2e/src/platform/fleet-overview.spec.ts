import { type ApiUnderTest, eventually, useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, CreateApiTokenResponse, EventPage, FleetOverview, McpServer } from '@mcp-fleet/shared/contracts';

import { createUser, failLogin, qs, registerServer } from '../events/events-helpers';

/** Stands in for the supervisor and the tool-call path: the figures a running fleet would have stored. */
async function setRuntime(
  api: ApiUnderTest,
  server: McpServer,
  figures: { state: string; health: string; requestCount: number; averageResponseTimeMs: number | null },
): Promise<void> {
  await api.sql(`UPDATE mcp_servers SET state = $2, status = $3 WHERE id = $1`, [server.id, figures.state, figures.state]);
  await api.sql(
    `UPDATE server_live_figures SET health = health || jsonb_build_object('status', $2::text),
       metrics = metrics || jsonb_build_object('requestCount', $3::int, 'averageResponseTimeMs', $4::numeric)
     WHERE server_id = $1`,
    [server.id, figures.health, figures.requestCount, figures.averageResponseTimeMs],
  );
}

describe('GET /api/mcp/overview', () => {
  const api = useApi({ LOGIN_MAX_FAILURES_PER_IP: '1000' });

  it('counts every state (zeros included), the health verdicts, and has no mean response time before any call', async () => {
    const empty = await api.get<FleetOverview>('/api/mcp/overview');

    expect(empty.status).toBe(200);
    expect(empty.body.servers).toEqual({
      total: 0,
      byState: { stopped: 0, starting: 0, running: 0, stopping: 0, error: 0, maintenance: 0 },
      unhealthy: 0,
      degraded: 0,
    });
    expect(empty.body.averageResponseTimeMs).toBeNull();
    expect(Date.parse(empty.body.generatedAt)).not.toBeNaN();

    const [alpha, beta, gamma] = await Promise.all(
      ['ov-alpha', 'ov-beta', 'ov-gamma', 'ov-delta'].map((name) => registerServer(api, name)),
    );
    await setRuntime(api, alpha, { state: 'running', health: 'healthy', requestCount: 0, averageResponseTimeMs: null });
    await setRuntime(api, beta, { state: 'running', health: 'unhealthy', requestCount: 0, averageResponseTimeMs: null });
    await setRuntime(api, gamma, { state: 'error', health: 'degraded', requestCount: 0, averageResponseTimeMs: null });

    const overview = await api.get<FleetOverview>('/api/mcp/overview');

    expect(overview.body.servers).toEqual({
      total: 4,
      byState: { stopped: 1, starting: 0, running: 2, stopping: 0, error: 1, maintenance: 0 },
      unhealthy: 1,
      degraded: 1,
    });
    expect(overview.body.averageResponseTimeMs).toBeNull();
  });

  it('weights the mean response time by each server’s request count', async () => {
    const servers = await api.get<{ items: McpServer[] }>('/api/mcp/servers?sort=name');
    const [alpha, beta, delta] = servers.body.items.filter((server) => server.name !== 'ov-gamma');
    await setRuntime(api, alpha, { state: 'running', health: 'healthy', requestCount: 10, averageResponseTimeMs: 100 });
    await setRuntime(api, beta, { state: 'running', health: 'unhealthy', requestCount: 30, averageResponseTimeMs: 20 });
    await setRuntime(api, delta, { state: 'stopped', health: 'unknown', requestCount: 0, averageResponseTimeMs: null });

    const overview = await api.get<FleetOverview>('/api/mcp/overview');

    // (10 × 100 + 30 × 20) / 40; a plain mean of the two averages would say 60.
    expect(overview.body.averageResponseTimeMs).toBe(40);
  });

  it('counts the events of the last hour the caller may read: security and audit only for admins', async () => {
    const viewer = await createUser(api, 'overview-viewer@example.com', 'viewer');
    await failLogin(api, 'nobody@example.com');
    await api.sql(
      `INSERT INTO events (id, occurred_at, type, severity, category, message, actor_kind, actor_name, instance_id)
       VALUES (gen_random_uuid(), now() - interval '2 hours', 'server.registered', 'info', 'config', 'long ago', 'system', 'system', 'e2e')`,
    );
    const inLastHour = async (since: string, restricted: boolean): Promise<number> => {
      const [{ count }] = await api.sql<{ count: number }>(
        `SELECT count(*)::int AS count FROM events WHERE occurred_at >= $1 AND ($2 OR category NOT IN ('security', 'audit'))`,
        [since, restricted],
      );
      return count;
    };
    const hourBefore = (overview: FleetOverview) => new Date(Date.parse(overview.generatedAt) - 3_600_000).toISOString();

    // The event writer batches: poll until what the API counts matches what the table holds.
    // The history lists an event once the event tail has read it (up to a second after its commit).
    const [forAdmin, forViewer, listed] = await eventually(async () => {
      const admin = (await api.get<FleetOverview>('/api/mcp/overview')).body;
      const asViewer = (await api.as(viewer.token).get<FleetOverview>('/api/mcp/overview')).body;
      const page = await api.as(viewer.token).get<EventPage>(`/api/mcp/events${qs({ from: hourBefore(asViewer), limit: 1 })}`);
      const matches =
        admin.eventsLastHour === (await inLastHour(hourBefore(admin), true)) &&
        asViewer.eventsLastHour === (await inLastHour(hourBefore(asViewer), false)) &&
        page.body.total === asViewer.eventsLastHour;
      return matches && ([admin, asViewer, page] as const);
    }, 'the overview to count the stored events');
    const [{ total: everything }] = await api.sql<{ total: number }>('SELECT count(*)::int AS total FROM events');

    // Registrations (config) and sign-ins (security) happened in the last hour; the old event did not.
    expect(forViewer.eventsLastHour).toBeGreaterThanOrEqual(4);
    expect(forAdmin.eventsLastHour).toBeGreaterThan(forViewer.eventsLastHour);
    expect(forAdmin.eventsLastHour).toBeLessThan(everything);
    expect(forViewer.eventsLastHour).toBe(listed.body.total);
  });

  it('answers viewers and tokens that may view servers, and refuses anonymous callers', async () => {
    const viewer = await createUser(api, 'overview-viewer-2@example.com', 'viewer');
    const token = (
      await api.post<CreateApiTokenResponse>('/api/mcp/api-tokens', { name: 'servers-only', permissions: ['mcp:view_servers'] })
    ).body.token;

    const asViewer = await api.as(viewer.token).get<FleetOverview>('/api/mcp/overview');
    const asToken = await api.as(token).get<FleetOverview>('/api/mcp/overview');
    const anonymous = await api.anonymous.get<ApiError>('/api/mcp/overview');

    expect(asViewer.status).toBe(200);
    expect(asViewer.body.servers.total).toBe(4);
    // A caller that may not read events sees none of them counted.
    expect(asToken.status).toBe(200);
    expect(asToken.body.eventsLastHour).toBe(0);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
  });
});
