import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import type { CommandResult } from '@mcp-fleet/shared/contracts';

import { OwnerRouter } from '../../ownership/owner-router';
import { Supervisor } from '../../supervisor/supervisor.service';
import { timed } from '../command-result';
import { StopServerCommand } from './stop-server.command';

@CommandHandler(StopServerCommand)
export class StopServerHandler implements ICommandHandler<StopServerCommand> {
  constructor(
    supervisor: Supervisor,
    private readonly router: OwnerRouter,
  ) {
    router.handle('stop', (serverId, { context, operation }) => supervisor.stop(serverId, context, operation));
  }

  execute({ serverId, context }: StopServerCommand): Promise<CommandResult> {
    return timed('stop', context, (operation) => this.router.run('stop', serverId, { context, operation }));
  }
}
