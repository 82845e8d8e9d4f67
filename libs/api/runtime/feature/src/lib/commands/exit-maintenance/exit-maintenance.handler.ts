import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import type { CommandResult } from '@mcp-fleet/shared/contracts';

import { Supervisor } from '../../supervisor/supervisor.service';
import { timed } from '../command-result';
import { ExitMaintenanceCommand } from './exit-maintenance.command';

@CommandHandler(ExitMaintenanceCommand)
export class ExitMaintenanceHandler implements ICommandHandler<ExitMaintenanceCommand> {
  constructor(private readonly supervisor: Supervisor) {}

  execute({ serverId, context }: ExitMaintenanceCommand): Promise<CommandResult> {
    return timed('exit_maintenance', context, () => this.supervisor.exitMaintenance(serverId, context));
  }
}
