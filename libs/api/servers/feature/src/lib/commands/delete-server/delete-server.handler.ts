import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';

import { McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import { DomainError } from '@mcp-fleet/api/shared/errors';

import { serverNotFound } from '../../domain/server-errors';
import { ServerDeletedEvent } from '../../events/server-events';
import { DeleteServerCommand } from './delete-server.command';

@CommandHandler(DeleteServerCommand)
export class DeleteServerHandler implements ICommandHandler<DeleteServerCommand> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly events: EventBus,
  ) {}

  async execute({ serverId }: DeleteServerCommand): Promise<void> {
    const outcome = await this.servers.deleteIfStopped(serverId);
    if (outcome.result === 'not-found') {
      throw serverNotFound(serverId);
    }
    if (outcome.result === 'not-stopped') {
      throw new DomainError(
        'SERVER_NOT_STOPPED',
        `Server ${serverId} is ${outcome.state}; stop it before deleting it`,
        { serverId, state: outcome.state, requiredState: 'stopped' },
      );
    }
    this.events.publish(new ServerDeletedEvent(serverId));
  }
}
