import { eventually, useApi } from '@mcp-fleet/api/shared/testing';
import type { FleetEvent, FleetMetricHistory, HealthCheckResult, McpServer, MetricHistory } from '@mcp-fleet/shared/contracts';

import { getServer, registerFixture, serverEvents, startedPid, startOk, usePidJanitor } from '../support/mcp-runtime';

const INTERVAL_MS = 1000;
const TIMEOUT_MS = 500;

describe('health monitoring: probes, hung servers, recovery', () => {
  const api = useApi({ METRICS_SAMPLE_INTERVAL_MS: '1000' });
  const janitor = usePidJanitor();

  const healthConfig = (threshold: number) => ({
    healthCheckIntervalMs: INTERVAL_MS,
    healthCheckTimeoutMs: TIMEOUT_MS,
    healthFailureThreshold: threshold,
  });
  const pidOf = async (server: McpServer, index = 0): Promise<number> => {
    const started = await eventually(async () => {
      const events = await serverEvents(api, server.id, 'server.started');
      return events.length > index ? events : undefined;
    }, 'the server.started event');
    const pid = startedPid(started[index]);
    janitor.track(pid);
    return pid;
  };
  const firstOf = (server: McpServer, type: string): Promise<FleetEvent> =>
    eventually(async () => (await serverEvents(api, server.id, type))[0], `a ${type} event`, { timeoutMs: 30_000, intervalMs: 100 });

  it('probes a running server on its interval and on demand, recording latency and the time of the check', async () => {
    const server = await registerFixture(api, 'probed', 'v2-server.mjs', [], healthConfig(3));
    await startOk(api, server.id);
    await pidOf(server);

    const checked = await api.post<HealthCheckResult>(`/api/mcp/servers/${server.id}/health-check`);
    const later = await eventually(
      async () => {
        const current = await getServer(api, server.id);
        return current.health.lastCheckedAt && current.health.lastCheckedAt > checked.body.checkedAt ? current : undefined;
      },
      'a scheduled probe after the manual one',
      { timeoutMs: 10_000, intervalMs: 100 },
    );

    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ healthy: true, reason: null, health: { status: 'healthy', consecutiveFailures: 0 } });
    expect(later.health).toMatchObject({ status: 'healthy', reason: null, consecutiveFailures: 0 });
    expect(typeof later.health.latencyMs).toBe('number');
  });

  it('refuses a probe of a server that is not running', async () => {
    const server = await registerFixture(api, 'never-probed', 'v2-server.mjs');
    const response = await api.post(`/api/mcp/servers/${server.id}/health-check`);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'SERVER_NOT_RUNNING' });
  });

  it('detects a hung (SIGSTOP) server within 3 intervals, kills it and restarts it healthy', async () => {
    const server = await registerFixture(api, 'hangs', 'v2-server.mjs', [], { ...healthConfig(3), killTimeoutMs: 500 });
    await startOk(api, server.id);
    const pid = await pidOf(server);
    const stoppedAt = Date.now();
    process.kill(pid, 'SIGSTOP');

    const unhealthy = await firstOf(server, 'server.unhealthy');
    const restartedPid = await pidOf(server, 1);
    const healthyAgain = await eventually(
      async () => {
        const current = await getServer(api, server.id);
        return current.state === 'running' && current.health.status === 'healthy' ? current : undefined;
      },
      'the restarted server healthy',
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    const moves = (await serverEvents(api, server.id, 'server.status_changed')).map(
      (e) => `${String(e.data['to'])}:${String(e.data['reason'])}`,
    );

    expect(unhealthy.data).toMatchObject({ reason: 'TIMEOUT', consecutiveFailures: 3 });
    // Within 3 intervals (plus a little for the event to be stamped).
    expect(Date.parse(unhealthy.timestamp) - stoppedAt).toBeLessThanOrEqual(3 * INTERVAL_MS + 100);
    expect(moves).toContain('error:TIMEOUT');
    expect(restartedPid).not.toBe(pid);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(healthyAgain.metrics.restartCount).toBeGreaterThanOrEqual(1);
  });

  it('notices a server that answers again (SIGCONT) before the threshold: degraded, then recovered, never restarted', async () => {
    const server = await registerFixture(api, 'pauses', 'v2-server.mjs', [], healthConfig(10));
    await startOk(api, server.id);
    const pid = await pidOf(server);
    const pausedAt = new Date().toISOString();
    process.kill(pid, 'SIGSTOP');
    const degraded = await firstOf(server, 'server.degraded');
    // The fleet's charts count it among the servers failing their probe while it is so (the
    // other servers of this file run healthy since).
    const failing = await eventually(
      async () => {
        const history = (await api.get<FleetMetricHistory>(`/api/mcp/metrics/history?from=${pausedAt}&step=15`)).body;
        return history.points.find((point) => point.unhealthy > 0);
      },
      'a sample of the degraded server in the fleet history',
      { timeoutMs: 8_000, intervalMs: 250 },
    );
    process.kill(pid, 'SIGCONT');
    const recovered = await firstOf(server, 'server.recovered');

    expect(degraded.data).toMatchObject({ reason: 'TIMEOUT', consecutiveFailures: 1 });
    expect(failing.unhealthy).toBe(1);
    expect(recovered.seq).toBeGreaterThan(degraded.seq);
    expect(await getServer(api, server.id)).toMatchObject({ state: 'running', health: { status: 'healthy', consecutiveFailures: 0 } });
    expect(await serverEvents(api, server.id, 'server.started')).toHaveLength(1);
    expect(await serverEvents(api, server.id, 'server.unhealthy')).toEqual([]);
  });

  it('samples memory and CPU of the whole process tree and the uptime while running, and clears them on stop', async () => {
    const server = await registerFixture(api, 'sampled', 'grandchildren.mjs', [], {});
    await startOk(api, server.id);
    await pidOf(server);
    const sampled = await eventually(
      async () => {
        const current = await getServer(api, server.id);
        return typeof current.metrics.cpuUsagePercent === 'number' && (current.metrics.uptimeSeconds ?? 0) >= 1 ? current : undefined;
      },
      'two samples of the running server',
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    await api.post(`/api/mcp/servers/${server.id}/stop`);
    const stopped = await getServer(api, server.id);

    // Three node processes (the server and two grandchildren) hold well over 60 MB together.
    expect(sampled.metrics.memoryUsageMb).toBeGreaterThan(60);
    expect(sampled.metrics.cpuUsagePercent).toBeGreaterThanOrEqual(0);
    expect(stopped.metrics).toMatchObject({ uptimeSeconds: 0, memoryUsageMb: null, cpuUsagePercent: null });
  });
});

describe('metrics history', () => {
  // Samples 5 s apart: the tool calls below land before the server's first sample, which once
  // lost them (its counters started from that sample instead of from the run's start).
  const api = useApi({ METRICS_SAMPLE_INTERVAL_MS: '5000' });
  const janitor = usePidJanitor();

  it('keeps a history for charts: samples rolled up into buckets, with the tool calls made', async () => {
    const server = await registerFixture(api, 'charted', 'v2-server.mjs', [], {
      healthCheckIntervalMs: INTERVAL_MS,
      healthCheckTimeoutMs: TIMEOUT_MS,
    });
    await startOk(api, server.id);
    const started = await eventually(async () => (await serverEvents(api, server.id, 'server.started'))[0], 'the server.started event');
    janitor.track(startedPid(started));
    for (let i = 0; i < 3; i++) {
      const call = await api.post(`/api/mcp/servers/${server.id}/tools/echo/call`, { arguments: { text: `call ${i}` } });
      expect(call.status).toBe(200);
    }
    const history = await eventually(
      async () => {
        const response = await api.get<MetricHistory>(`/api/mcp/servers/${server.id}/metrics/history?step=15`);
        const calls = response.body.points.reduce((sum, point) => sum + point.requests, 0);
        const samples = response.body.points.reduce((sum, point) => sum + point.samples, 0);
        return calls === 3 && samples >= 2 ? response.body : undefined;
      },
      'the three tool calls in two samples of the history',
      { timeoutMs: 30_000, intervalMs: 500 },
    );

    expect(history.stepSeconds).toBe(15);
    expect(history.points.reduce((sum, point) => sum + point.samples, 0)).toBeGreaterThanOrEqual(2);
    expect(history.points.some((point) => (point.memoryMb ?? 0) > 10)).toBe(true);
    expect(history.points.some((point) => point.probeLatencyMs !== null)).toBe(true);
    for (const bad of ['step=5', 'from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 'from=yesterday']) {
      const refused = await api.get(`/api/mcp/servers/${server.id}/metrics/history?${bad}`);
      expect(refused.status).toBe(400);
    }
    expect((await api.get('/api/mcp/servers/00000000-0000-4000-8000-000000000000/metrics/history')).status).toBe(404);

    // The fleet's history sums every server: here the one, over the same window.
    const fleet = await api.get<FleetMetricHistory>(`/api/mcp/metrics/history?from=${history.from}&to=${history.to}&step=15`);
    expect(fleet.status).toBe(200);
    expect(fleet.body.points.reduce((sum, point) => sum + point.requests, 0)).toBe(3);
    expect(Math.max(...fleet.body.points.map((point) => point.servers))).toBe(1);
    expect(fleet.body.points.some((point) => (point.memoryMb ?? 0) > 10)).toBe(true);
    for (const bad of ['step=5', 'from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 'serverId=x']) {
      expect((await api.get(`/api/mcp/metrics/history?${bad}`)).status).toBe(400);
    }
  }, 90_000);
});
