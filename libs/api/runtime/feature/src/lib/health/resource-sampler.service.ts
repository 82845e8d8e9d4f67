import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import { type MetricSample, MetricSamplesRepository } from '@mcp-fleet/api/runtime/data-access';
import { LiveFiguresRepository, McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';

import { type GroupUsage, sampleGroups } from '../process/process-tree';
import { RunningServers } from '../run/running-servers';

/**
 * Every `METRICS_SAMPLE_INTERVAL_MS` (15 s), memory and CPU of each running stdio server's whole process group (the server and
 * its children), and every server's uptime, into its metrics. CPU is the share of one core used
 * since the previous sample.
 */
@Injectable()
export class ResourceSampler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ResourceSampler.name);
  private timer: NodeJS.Timeout | undefined;
  private previous = new Map<string, { at: number; cpuSeconds: number; runId: string }>();
  /** Request counters at the previous sample, to store per-interval deltas. */
  private counters = new Map<string, { requests: number; errors: number }>();
  private lastPurge = 0;

  constructor(
    private readonly running: RunningServers,
    private readonly servers: McpServerRepository,
    private readonly figures: LiveFiguresRepository,
    private readonly config: AppConfig,
    private readonly samples: MetricSamplesRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.sample().catch((error: unknown) => this.logger.warn({ err: error }, 'Sampling failed')),
      this.config.metricsSampleIntervalMs,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One pass over the running servers (public for tests and the first sample after a start). */
  async sample(): Promise<void> {
    const running = this.running.started().map((runtime) => ({ serverId: runtime.server.id, runtime }));
    const groups = sampleGroups(running.flatMap(({ runtime }) => (runtime.pid === undefined ? [] : [runtime.pid])));
    const now = Date.now();
    const next = new Map<string, { at: number; cpuSeconds: number; runId: string }>();
    const rows = new Map((await this.servers.findInStates(['running'])).map((server) => [server.id, server]));
    const samples: MetricSample[] = [];
    for (const { serverId, runtime } of running) {
      const usage: GroupUsage | undefined = runtime.pid === undefined ? undefined : groups.get(runtime.pid);
      const before = this.previous.get(serverId);
      let cpuUsagePercent: number | null = null;
      if (usage) {
        next.set(serverId, { at: now, cpuSeconds: usage.cpuSeconds, runId: runtime.runId });
        if (before && before.runId === runtime.runId && now > before.at) {
          cpuUsagePercent = Math.round((10_000 * Math.max(0, usage.cpuSeconds - before.cpuSeconds)) / ((now - before.at) / 1000)) / 100;
        }
      }
      const memoryUsageMb = usage ? Math.round((usage.rssBytes / 1024 / 1024) * 10) / 10 : null;
      await this.figures.updateUsage(serverId, { memoryUsageMb, cpuUsagePercent });
      const row = rows.get(serverId);
      if (row) {
        // A server not sampled before starts from its counts when this run started (the
        // runtime's snapshot), not from now: calls made before its first sample would be lost.
        const seen = this.counters.get(serverId) ?? {
          requests: runtime.server.metrics.requestCount,
          errors: runtime.server.metrics.errorCount,
        };
        samples.push({
          serverId,
          sampledAt: new Date(now),
          probeLatencyMs: row.health.latencyMs,
          health: row.health.status,
          cpuPercent: cpuUsagePercent,
          memoryMb: memoryUsageMb,
          requests: Math.max(0, row.metrics.requestCount - seen.requests),
          errors: Math.max(0, row.metrics.errorCount - seen.errors),
        });
        this.counters.set(serverId, { requests: row.metrics.requestCount, errors: row.metrics.errorCount });
      }
    }
    this.previous = next;
    await this.samples.insertMany(samples);
    if (now - this.lastPurge > 3_600_000) {
      this.lastPurge = now;
      await this.samples.deleteOlderThan(new Date(now - this.config.metricsRetentionHours * 3_600_000));
    }
  }
}
