import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { McpServerRepository, ServerRevisionsRepository } from '@mcp-fleet/api/servers/data-access';
import { DomainError } from '@mcp-fleet/api/shared/errors';

import { serverNotFound } from '../../domain/server-errors';
import { serverDeletedRecord } from '../../domain/server-event-records';
import { type DeletedServer, DeleteServerCommand } from './delete-server.command';

@CommandHandler(DeleteServerCommand)
export class DeleteServerHandler implements ICommandHandler<DeleteServerCommand> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly store: EventStore,
    private readonly revisions: ServerRevisionsRepository,
  ) {}

  async execute({ serverId, context }: DeleteServerCommand): Promise<DeletedServer> {
    // Its history stays (readable by admins), and from now on counts toward the audit retention.
    const outcome = await this.servers.transaction(async (manager) => {
      const deleted = await this.servers.deleteIfStopped(serverId, manager);
      if (deleted.result === 'deleted') {
        await this.revisions.markServerDeleted(serverId, manager);
      }
      return deleted;
    });
    if (outcome.result === 'not-found') {
      throw serverNotFound(serverId);
    }
    if (outcome.result === 'not-stopped') {
      throw new DomainError('SERVER_NOT_STOPPED', `Server ${serverId} is ${outcome.state}; stop it before deleting it`, {
        serverId,
        state: outcome.state,
        requiredState: 'stopped',
      });
    }
    await this.store.append(serverDeletedRecord(serverId, outcome.name, context));
    return { id: serverId, name: outcome.name };
  }
}
