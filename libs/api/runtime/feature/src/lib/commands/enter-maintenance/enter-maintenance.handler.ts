import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import type { CommandResult } from '@mcp-fleet/shared/contracts';

import { OwnerRouter } from '../../ownership/owner-router';
import { Supervisor } from '../../supervisor/supervisor.service';
import { timed } from '../command-result';
import { EnterMaintenanceCommand } from './enter-maintenance.command';

@CommandHandler(EnterMaintenanceCommand)
export class EnterMaintenanceHandler implements ICommandHandler<EnterMaintenanceCommand> {
  constructor(
    supervisor: Supervisor,
    private readonly router: OwnerRouter,
  ) {
    router.handle('enterMaintenance', (serverId, { context, operation }) => supervisor.enterMaintenance(serverId, context, operation));
  }

  execute({ serverId, context }: EnterMaintenanceCommand): Promise<CommandResult> {
    return timed('enter_maintenance', context, (operation) => this.router.run('enterMaintenance', serverId, { context, operation }));
  }
}
