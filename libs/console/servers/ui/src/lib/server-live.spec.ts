import {
  COMMAND_ACCEPTED_FROM,
  type FleetEvent,
  type McpServer,
  SERVER_STATES,
  type ServerStatusChange,
} from '@mcp-fleet/shared/contracts';

import { actionAllowed, applyHealthEvent, applyStatusChange, byAttention, uptimeSeconds, withState } from './server-live';

function server(name: string, overrides: Partial<McpServer> = {}): McpServer {
  return {
    id: `id-${name}`,
    name,
    description: '',
    type: 'demo',
    transport: 'stdio',
    status: 'stopped',
    state: 'stopped',
    desiredState: 'stopped',
    config: {
      startupTimeoutMs: 1,
      requestTimeoutMs: 1,
      killTimeoutMs: 1,
      retryAttempts: 0,
      healthCheckIntervalMs: 1,
      healthCheckTimeoutMs: 1,
      healthFailureThreshold: 1,
      maxRestarts: 1,
    },
    health: { status: 'unknown', reason: null, lastCheckedAt: null, consecutiveFailures: 0, latencyMs: null },
    metrics: { requestCount: 0, errorCount: 0, averageResponseTimeMs: null, restartCount: 0, lastStartedAt: null },
    enabled: true,
    tags: [],
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function change(serverId: string, to: ServerStatusChange['to']): ServerStatusChange {
  return { seq: 1, serverId, serverName: null, from: null, to, reason: null, timestamp: '2026-01-01T00:10:00.000Z', correlationId: null };
}

describe('server-live', () => {
  it.each(SERVER_STATES)('enables on a card or row for a server that is %s exactly the quick actions the API accepts', (state) => {
    for (const action of ['start', 'stop', 'restart'] as const) {
      expect([action, actionAllowed(action, state)]).toEqual([action, COMMAND_ACCEPTED_FROM[action].includes(state)]);
    }
  });

  it('applies a status change to its server only, with the coarse status, health and start time', () => {
    const alpha = server('alpha');

    const running = applyStatusChange(alpha, change(alpha.id, 'running'));

    expect(running).toMatchObject({ state: 'running', status: 'running', health: { status: 'healthy' } });
    expect(running.metrics.lastStartedAt).toBe('2026-01-01T00:10:00.000Z');
    expect(applyStatusChange(running, change(alpha.id, 'maintenance'))).toMatchObject({ state: 'maintenance', status: 'stopped' });
    expect(applyStatusChange(alpha, change('someone-else', 'running'))).toBe(alpha);
    expect(applyStatusChange(alpha, change(alpha.id, 'stopped'))).toBe(alpha);
  });

  it('ends the run of failed starts when a start works, and keeps the failure itself', () => {
    const failure = {
      kind: 'start' as const,
      reason: 'EXITED',
      message: 'exited',
      exitCode: 7,
      signal: null,
      lastStderr: ['boom'],
      at: '2026-01-01T00:00:00.000Z',
      failedStarts: 2,
    };
    const broken = server('alpha', { state: 'error', status: 'error', lastFailure: failure });

    expect(applyStatusChange(broken, change(broken.id, 'running')).lastFailure).toEqual({ ...failure, failedStarts: 0 });
    expect(applyStatusChange(broken, change(broken.id, 'starting')).lastFailure).toBe(failure);
  });

  it('follows health events of its server', () => {
    const alpha = server('alpha', { state: 'running', status: 'running' });
    const event = { type: 'server.degraded', serverId: alpha.id } as FleetEvent;

    expect(applyHealthEvent(alpha, event).health.status).toBe('degraded');
    expect(applyHealthEvent(alpha, { ...event, type: 'server.registered' })).toBe(alpha);
  });

  it('takes a state from a command result when it differs', () => {
    const alpha = server('alpha');

    expect(withState(alpha, 'error')).toMatchObject({ state: 'error', status: 'error', health: { status: 'unhealthy' } });
    expect(withState(alpha, undefined)).toBe(alpha);
  });

  it('measures uptime only while running', () => {
    const started = server('alpha', {
      state: 'running',
      metrics: { requestCount: 0, errorCount: 0, averageResponseTimeMs: null, restartCount: 0, lastStartedAt: '2026-01-01T00:00:00.000Z' },
    });

    expect(uptimeSeconds(started, Date.parse('2026-01-01T00:01:30.000Z'))).toBe(90);
    expect(uptimeSeconds({ ...started, state: 'stopped' }, Date.now())).toBeNull();
  });

  it('orders by attention: error, unhealthy, degraded, moving, running, maintenance, stopped; then by name', () => {
    const unwell = (name: string, status: 'unhealthy' | 'degraded') =>
      server(name, { state: 'running', health: { status, reason: null, lastCheckedAt: null, consecutiveFailures: 1, latencyMs: null } });
    const fleet = [
      server('z-stopped'),
      server('a-stopped'),
      server('maint', { state: 'maintenance' }),
      server('up', { state: 'running' }),
      server('booting', { state: 'starting' }),
      unwell('slow', 'degraded'),
      unwell('sick', 'unhealthy'),
      server('broken', { state: 'error' }),
    ];

    expect([...fleet].sort(byAttention).map((s) => s.name)).toEqual([
      'broken',
      'sick',
      'slow',
      'booting',
      'up',
      'maint',
      'a-stopped',
      'z-stopped',
    ]);
  });
});
