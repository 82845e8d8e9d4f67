import { Command } from '@nestjs/cqrs';

import type { HealthCheckResult } from '@mcp-fleet/shared/contracts';

export class CheckHealthCommand extends Command<HealthCheckResult> {
  constructor(readonly serverId: string) {
    super();
  }
}
