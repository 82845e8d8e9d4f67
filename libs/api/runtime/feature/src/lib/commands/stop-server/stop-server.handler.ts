import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import type { CommandResult } from '@mcp-fleet/shared/contracts';

import { Supervisor } from '../../supervisor/supervisor.service';
import { timed } from '../command-result';
import { StopServerCommand } from './stop-server.command';

@CommandHandler(StopServerCommand)
export class StopServerHandler implements ICommandHandler<StopServerCommand> {
  constructor(private readonly supervisor: Supervisor) {}

  execute({ serverId, context }: StopServerCommand): Promise<CommandResult> {
    return timed('stop', context, () => this.supervisor.stop(serverId, context));
  }
}
