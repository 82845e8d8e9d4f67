import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import type { CommandResult } from '@mcp-fleet/shared/contracts';

import { OwnerRouter } from '../../ownership/owner-router';
import { Supervisor } from '../../supervisor/supervisor.service';
import { timed } from '../command-result';
import { ExitMaintenanceCommand } from './exit-maintenance.command';

@CommandHandler(ExitMaintenanceCommand)
export class ExitMaintenanceHandler implements ICommandHandler<ExitMaintenanceCommand> {
  constructor(
    supervisor: Supervisor,
    private readonly router: OwnerRouter,
  ) {
    router.handle('exitMaintenance', (serverId, { context, operation }) => supervisor.exitMaintenance(serverId, context, operation));
  }

  execute({ serverId, context }: ExitMaintenanceCommand): Promise<CommandResult> {
    return timed('exit_maintenance', context, (operation) => this.router.run('exitMaintenance', serverId, { context, operation }));
  }
}
