import { isDeepStrictEqual } from 'node:util';

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { McpServerRepository, SERVER_NAME_UNIQUE_INDEX, type ServerChanges } from '@mcp-fleet/api/servers/data-access';
import { sealSecrets } from '@mcp-fleet/api/servers/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { isUniqueViolation } from '@mcp-fleet/api/shared/database';
import { validationFailed } from '@mcp-fleet/api/shared/errors';
import { SecretBox } from '@mcp-fleet/api/shared/security';
import type { McpServer, UpdateServerRequest } from '@mcp-fleet/shared/contracts';

import { checkLaunchSafety } from '../../domain/launch-safety';
import { toPublicServer } from '../../domain/public-server';
import { checkTransportRules, mergeConfigPatch, withDefaults } from '../../domain/server-config.rules';
import { diffServers } from '../../domain/server-diff';
import { serverNameTaken, serverNotFound, versionConflict } from '../../domain/server-errors';
import { serverUpdatedRecord } from '../../domain/server-event-records';
import { UpdateServerCommand } from './update-server.command';

@CommandHandler(UpdateServerCommand)
export class UpdateServerHandler implements ICommandHandler<UpdateServerCommand> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly policy: AppConfig,
    private readonly secrets: SecretBox,
    private readonly store: EventStore,
  ) {}

  async execute({ serverId, request, context }: UpdateServerCommand): Promise<McpServer> {
    const current = await this.servers.findById(serverId);
    if (!current) {
      throw serverNotFound(serverId);
    }
    if (current.version !== request.version) {
      throw versionConflict(serverId, request.version, current.version);
    }
    const changes = this.changesFrom(current, request);
    const changedFields = (Object.keys(changes) as (keyof ServerChanges)[]).filter(
      (field) => !isDeepStrictEqual(changes[field], current[field]),
    );
    if (changedFields.length === 0) {
      return toPublicServer(current);
    }

    let updated: McpServer | undefined;
    try {
      updated = await this.servers.updateIfVersion(serverId, request.version, changes);
    } catch (error) {
      if (isUniqueViolation(error, SERVER_NAME_UNIQUE_INDEX)) {
        throw serverNameTaken(changes.name ?? current.name);
      }
      throw error;
    }
    if (!updated) {
      // Someone changed or deleted the row between our read and our write.
      const latest = await this.servers.findById(serverId);
      throw latest ? versionConflict(serverId, request.version, latest.version) : serverNotFound(serverId);
    }
    const after = toPublicServer(updated);
    const version = { from: current.version, to: updated.version };
    await this.store.append(serverUpdatedRecord(after, diffServers(current, updated), version, context));
    return after;
  }

  private changesFrom(current: McpServer, request: UpdateServerRequest): ServerChanges {
    const transport = request.transport ?? current.transport;
    const changes: ServerChanges = {
      name: request.name,
      description: request.description,
      type: request.type,
      transport: request.transport,
      enabled: request.enabled,
      tags: request.tags,
    };
    if (request.config !== undefined || transport !== current.transport) {
      const merged = mergeConfigPatch(current.config, request.config, current.transport, transport);
      const problems = checkTransportRules(transport, merged);
      if (problems.length > 0) {
        throw validationFailed(problems);
      }
      const refusal = checkLaunchSafety(transport, merged, this.policy);
      if (refusal) {
        throw refusal;
      }
      const sealed = sealSecrets(merged, current.config, this.secrets, current.id);
      if (sealed.problems.length > 0) {
        throw validationFailed(sealed.problems);
      }
      changes.config = withDefaults(sealed.config);
    }
    for (const key of Object.keys(changes) as (keyof ServerChanges)[]) {
      if (changes[key] === undefined) {
        delete changes[key];
      }
    }
    return changes;
  }
}
