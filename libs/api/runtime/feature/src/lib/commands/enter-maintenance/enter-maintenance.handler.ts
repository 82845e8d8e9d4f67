import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import type { CommandResult } from '@mcp-fleet/shared/contracts';

import { Supervisor } from '../../supervisor/supervisor.service';
import { timed } from '../command-result';
import { EnterMaintenanceCommand } from './enter-maintenance.command';

@CommandHandler(EnterMaintenanceCommand)
export class EnterMaintenanceHandler implements ICommandHandler<EnterMaintenanceCommand> {
  constructor(private readonly supervisor: Supervisor) {}

  execute({ serverId, context }: EnterMaintenanceCommand): Promise<CommandResult> {
    return timed('enter_maintenance', context, () => this.supervisor.enterMaintenance(serverId, context));
  }
}
