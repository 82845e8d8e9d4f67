import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import type { CommandResult } from '@mcp-fleet/shared/contracts';

import { Supervisor } from '../../supervisor/supervisor.service';
import { timed } from '../command-result';
import { RestartServerCommand } from './restart-server.command';

@CommandHandler(RestartServerCommand)
export class RestartServerHandler implements ICommandHandler<RestartServerCommand> {
  constructor(private readonly supervisor: Supervisor) {}

  execute({ serverId, context }: RestartServerCommand): Promise<CommandResult> {
    return timed('restart', context, () => this.supervisor.restart(serverId, context));
  }
}
