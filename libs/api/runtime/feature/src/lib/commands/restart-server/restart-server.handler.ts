import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import type { CommandResult } from '@mcp-fleet/shared/contracts';

import { OwnerRouter } from '../../ownership/owner-router';
import { Supervisor } from '../../supervisor/supervisor.service';
import { timed } from '../command-result';
import { RestartServerCommand } from './restart-server.command';

@CommandHandler(RestartServerCommand)
export class RestartServerHandler implements ICommandHandler<RestartServerCommand> {
  constructor(
    supervisor: Supervisor,
    private readonly router: OwnerRouter,
  ) {
    router.handle('restart', (serverId, { context, operation }) => supervisor.restart(serverId, context, operation));
  }

  execute({ serverId, context }: RestartServerCommand): Promise<CommandResult> {
    return timed('restart', context, (operation) => this.router.run('restart', serverId, { context, operation }));
  }
}
