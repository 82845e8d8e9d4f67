import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import type { CommandResult } from '@mcp-fleet/shared/contracts';

import { Supervisor } from '../../supervisor/supervisor.service';
import { timed } from '../command-result';
import { StartServerCommand } from './start-server.command';

@CommandHandler(StartServerCommand)
export class StartServerHandler implements ICommandHandler<StartServerCommand> {
  constructor(private readonly supervisor: Supervisor) {}

  execute({ serverId, context }: StartServerCommand): Promise<CommandResult> {
    return timed('start', context, () => this.supervisor.start(serverId, context));
  }
}
