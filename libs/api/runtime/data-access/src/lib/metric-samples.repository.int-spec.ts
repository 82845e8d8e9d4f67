import { createIntegrationContext, type IntegrationContext } from '@mcp-fleet/api/shared/testing';

import { MetricSamplesRepository } from './metric-samples.repository';
import { RuntimeDataAccessModule } from './runtime-data-access.module';

describe('MetricSamplesRepository.fleetRollup (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let samples: MetricSamplesRepository;
  const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
  const from = new Date('2026-06-01T10:00:00Z');
  const to = new Date('2026-06-01T10:02:00Z');

  beforeAll(async () => {
    ctx = await createIntegrationContext([RuntimeDataAccessModule]);
    samples = ctx.module.get(MetricSamplesRepository);
    for (const [index, id] of ids.entries()) {
      await ctx.dataSource.query(
        `INSERT INTO mcp_servers (id, name, description, type, transport, status, state, desired_state, config, enabled, tags)
         VALUES ($1, $2, '', 'demo', 'stdio', 'running', 'running', 'running', '{"command": "node"}', true, '{}')`,
        [id, `server-${index}`],
      );
    }
    // Two samples of each server in the first minute, one of the first server in the second.
    // The second server's probe failed once in the first minute (degraded); the first one's, in
    // the second (unhealthy). A sample from before health was recorded has none.
    const rows: [string, string, number, number, number, number, string | null][] = [
      [ids[0], '10:00:05', 10, 100, 2, 0, null],
      [ids[0], '10:00:35', 30, 120, 3, 1, 'healthy'],
      [ids[1], '10:00:10', 5, 50, 1, 1, 'degraded'],
      [ids[1], '10:00:40', 15, 40, 0, 0, 'healthy'],
      [ids[0], '10:01:05', 20, 110, 4, 0, 'unhealthy'],
    ];
    for (const [id, time, cpu, memory, requests, errors, health] of rows) {
      await ctx.dataSource.query(
        `INSERT INTO server_metric_samples (server_id, sampled_at, cpu_percent, memory_mb, requests, errors, health)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, `2026-06-01T${time}Z`, cpu, memory, requests, errors, health],
      );
    }
  });
  afterAll(() => ctx.close());

  it('sums the servers per bucket: each one’s mean CPU and peak memory, every call, who failed a probe', async () => {
    const points = await samples.fleetRollup(from, to, 60);

    expect(points).toEqual([
      { at: '2026-06-01T10:00:00.000Z', servers: 2, unhealthy: 1, cpuPercent: 20 + 10, memoryMb: 120 + 50, requests: 6, errors: 2 },
      { at: '2026-06-01T10:01:00.000Z', servers: 1, unhealthy: 1, cpuPercent: 20, memoryMb: 110, requests: 4, errors: 0 },
    ]);
  });

  it('sums only the servers it is given', async () => {
    const points = await samples.fleetRollup(from, to, 60, [ids[1]]);

    expect(points).toEqual([
      { at: '2026-06-01T10:00:00.000Z', servers: 1, unhealthy: 1, cpuPercent: 10, memoryMb: 50, requests: 1, errors: 1 },
    ]);
  });
});
