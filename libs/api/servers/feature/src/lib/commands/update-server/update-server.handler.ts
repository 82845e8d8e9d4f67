import { isDeepStrictEqual } from 'node:util';

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import {
  McpServerRepository,
  SERVER_NAME_UNIQUE_INDEX,
  type ServerChanges,
  ServerRevisionsRepository,
} from '@mcp-fleet/api/servers/data-access';
import { sealSecrets } from '@mcp-fleet/api/servers/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { isUniqueViolation } from '@mcp-fleet/api/shared/database';
import { validationFailed } from '@mcp-fleet/api/shared/errors';
import { SecretBox } from '@mcp-fleet/api/shared/security';
import { fieldsAppliedAtNextStart, type McpServer, type UpdateServerRequest, type UpdateServerResponse } from '@mcp-fleet/shared/contracts';

import { checkLaunchSafety } from '../../domain/launch-safety';
import { withPendingRestart } from '../../domain/pending-restart';
import { toPublicServer } from '../../domain/public-server';
import { revisionOf } from '../../domain/revision-records';
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
    private readonly revisions: ServerRevisionsRepository,
  ) {}

  async execute({ serverId, request, context }: UpdateServerCommand): Promise<UpdateServerResponse> {
    const current = await this.servers.findById(serverId);
    if (!current) {
      throw serverNotFound(serverId);
    }
    if (current.version !== request.version) {
      throw versionConflict(serverId, request.version, current.version);
    }
    const requested = this.changesFrom(current, request);
    const changedFields = (Object.keys(requested) as (keyof ServerChanges)[]).filter(
      (field) => !isDeepStrictEqual(requested[field], current[field]),
    );
    if (changedFields.length === 0) {
      return toPublicServer(withPendingRestart(current, await this.servers.launchOf(serverId)));
    }

    let written: { server: McpServer; revision: number } | undefined;
    try {
      // The change and its revision, or neither.
      written = await this.servers.transaction(async (manager) => {
        const server = await this.servers.updateIfVersion(serverId, request.version, requested, manager);
        return server && { server, revision: await this.revisions.append(revisionOf(current, server, 'update', context), manager) };
      });
    } catch (error) {
      if (isUniqueViolation(error, SERVER_NAME_UNIQUE_INDEX)) {
        throw serverNameTaken(requested.name ?? current.name);
      }
      throw error;
    }
    if (!written) {
      // Someone changed or deleted the row between our read and our write.
      const latest = await this.servers.findById(serverId);
      throw latest ? versionConflict(serverId, request.version, latest.version) : serverNotFound(serverId);
    }
    const updated = withPendingRestart(written.server, await this.servers.launchOf(serverId));
    const after = toPublicServer(updated);
    const version = { from: current.version, to: updated.version };
    const changes = diffServers(current, updated);
    // A run is made from its config when it starts: what it cannot take now waits, visibly.
    const live = updated.state === 'running' || updated.state === 'starting';
    const waiting = live ? fieldsAppliedAtNextStart(changes.map((change) => change.field)) : [];
    await this.store.append(serverUpdatedRecord(after, changes, version, context, waiting, { revision: written.revision }));
    return waiting.length > 0 ? { ...after, appliesAtNextStart: waiting } : after;
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
