import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import type { CommandResult } from '@mcp-fleet/shared/contracts';

import { OwnerRouter } from '../../ownership/owner-router';
import { Supervisor } from '../../supervisor/supervisor.service';
import { timed } from '../command-result';
import { StartServerCommand } from './start-server.command';

@CommandHandler(StartServerCommand)
export class StartServerHandler implements ICommandHandler<StartServerCommand> {
  constructor(
    supervisor: Supervisor,
    private readonly router: OwnerRouter,
  ) {
    router.handle('start', (serverId, { context, operation }) => supervisor.start(serverId, context, operation));
  }

  execute({ serverId, context }: StartServerCommand): Promise<CommandResult> {
    return timed('start', context, (operation) => this.router.run('start', serverId, { context, operation }));
  }
}
