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
    router.handle('stop', (serverId, { context }) => supervisor.stop(serverId, context));
  }

  execute({ serverId, context }: StopServerCommand): Promise<CommandResult> {
    return timed('stop', context, () => this.router.run('stop', serverId, { context }));
  }
}
