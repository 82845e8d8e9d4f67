import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { McpServerRepository, serverNotFound } from '@mcp-fleet/api/servers/data-access';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import type { HealthCheckResult } from '@mcp-fleet/shared/contracts';

import { HealthMonitor } from '../../health/health-monitor.service';
import { OwnerRouter } from '../../ownership/owner-router';
import { CheckHealthCommand } from './check-health.command';

/** Probes a running server now, as the monitor does on its interval, and answers the verdict. */
@CommandHandler(CheckHealthCommand)
export class CheckHealthHandler implements ICommandHandler<CheckHealthCommand> {
  constructor(
    private readonly monitor: HealthMonitor,
    private readonly servers: McpServerRepository,
    private readonly router: OwnerRouter,
  ) {
    router.handle('checkHealth', (serverId) => this.here(serverId));
  }

  execute({ serverId }: CheckHealthCommand): Promise<HealthCheckResult> {
    return this.router.run('checkHealth', serverId, {});
  }

  private async here(serverId: string): Promise<HealthCheckResult> {
    const server = await this.servers.findById(serverId);
    if (!server) {
      throw serverNotFound(serverId);
    }
    const probe = this.monitor.probeNow(serverId);
    if (!probe) {
      throw new DomainError('SERVER_NOT_RUNNING', `${server.name} is ${server.state}; only a running server can be probed`, {
        serverId,
        state: server.state,
      });
    }
    const result = await probe;
    return {
      serverId,
      healthy: result.healthy,
      reason: result.reason,
      message: result.message,
      latencyMs: result.latencyMs,
      checkedAt: result.checkedAt,
      health: result.health,
    };
  }
}
