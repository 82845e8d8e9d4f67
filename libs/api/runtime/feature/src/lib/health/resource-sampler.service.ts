import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import { McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';

import { type GroupUsage, sampleGroups } from '../process/process-tree';
import { Supervisor } from '../supervisor/supervisor.service';

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

  constructor(
    private readonly supervisor: Supervisor,
    private readonly servers: McpServerRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sample().catch((error: unknown) => this.logger.warn({ err: error }, 'Sampling failed')), this.config.metricsSampleIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One pass over the running servers (public for tests and the first sample after a start). */
  async sample(): Promise<void> {
    const running = this.supervisor.runningRuntimes();
    const groups = sampleGroups(running.flatMap(({ runtime }) => (runtime.pid === undefined ? [] : [runtime.pid])));
    const now = Date.now();
    const next = new Map<string, { at: number; cpuSeconds: number; runId: string }>();
    for (const { serverId, runtime, startedAt } of running) {
      const usage: GroupUsage | undefined = runtime.pid === undefined ? undefined : groups.get(runtime.pid);
      const before = this.previous.get(serverId);
      let cpuUsagePercent: number | null = null;
      if (usage) {
        next.set(serverId, { at: now, cpuSeconds: usage.cpuSeconds, runId: runtime.runId });
        if (before && before.runId === runtime.runId && now > before.at) {
          cpuUsagePercent = Math.round((10_000 * Math.max(0, usage.cpuSeconds - before.cpuSeconds)) / ((now - before.at) / 1000)) / 100;
        }
      }
      await this.servers.updateUsage(serverId, {
        uptimeSeconds: Math.round((now - startedAt) / 1000),
        memoryUsageMb: usage ? Math.round((usage.rssBytes / 1024 / 1024) * 10) / 10 : null,
        cpuUsagePercent,
      });
    }
    this.previous = next;
  }
}
