import { isDeepStrictEqual } from 'node:util';

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import {
  joinSealed,
  McpServerRepository,
  SERVER_NAME_UNIQUE_INDEX,
  type ServerChanges,
  ServerRevisionsRepository,
  type StoredRevision,
} from '@mcp-fleet/api/servers/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { isUniqueViolation } from '@mcp-fleet/api/shared/database';
import { validationFailed } from '@mcp-fleet/api/shared/errors';
import { fieldsAppliedAtNextStart, type McpServer, type RestoreRevisionResponse } from '@mcp-fleet/shared/contracts';

import { checkLaunchSafety } from '../../domain/launch-safety';
import { withPendingRestart } from '../../domain/pending-restart';
import { toPublicServer } from '../../domain/public-server';
import { revisionOf } from '../../domain/revision-records';
import { checkTransportRules } from '../../domain/server-config.rules';
import { diffServers } from '../../domain/server-diff';
import { revisionNotFound, serverNameTaken, serverNotFound, versionConflict } from '../../domain/server-errors';
import { serverUpdatedRecord } from '../../domain/server-event-records';
import { RestoreRevisionCommand } from './restore-revision.command';

interface Restored {
  before: McpServer;
  after: McpServer;
  revision: number;
}

/**
 * The undo of a config change: the server's registration becomes that of an earlier revision,
 * secrets included (their sealed texts are kept per revision), as a new revision. All or nothing:
 * the server row is locked, checked, changed and its revision recorded in one transaction.
 */
@CommandHandler(RestoreRevisionCommand)
export class RestoreRevisionHandler implements ICommandHandler<RestoreRevisionCommand> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly revisions: ServerRevisionsRepository,
    private readonly policy: AppConfig,
    private readonly store: EventStore,
  ) {}

  async execute({ serverId, revision, request, context }: RestoreRevisionCommand): Promise<RestoreRevisionResponse> {
    let name: string | undefined;
    let restored: Restored;
    try {
      restored = await this.servers.transaction(async (manager) => {
        const current = await this.servers.findByIdForUpdate(serverId, manager);
        if (!current) {
          throw serverNotFound(serverId);
        }
        if (request.version !== undefined && request.version !== current.version) {
          throw versionConflict(serverId, request.version, current.version);
        }
        const target = await this.revisions.findWithSecrets(serverId, revision, manager);
        if (!target) {
          throw revisionNotFound(serverId, revision);
        }
        name = target.registration.name;
        return this.restore(current, target, manager, context);
      });
    } catch (error) {
      if (isUniqueViolation(error, SERVER_NAME_UNIQUE_INDEX)) {
        throw serverNameTaken(name ?? '');
      }
      throw error;
    }
    const { before } = restored;
    const after = withPendingRestart(restored.after, await this.servers.launchOf(serverId));
    const shown = toPublicServer(after);
    if (before === restored.after) {
      return { ...shown, revision: restored.revision };
    }
    const changes = diffServers(before, after);
    const live = after.state === 'running' || after.state === 'starting';
    const waiting = live ? fieldsAppliedAtNextStart(changes.map((change) => change.field)) : [];
    const version = { from: before.version, to: after.version };
    await this.store.append(
      serverUpdatedRecord(shown, changes, version, context, waiting, { revision: restored.revision, restoredFrom: revision }),
    );
    return { ...shown, ...(waiting.length > 0 ? { appliesAtNextStart: waiting } : {}), revision: restored.revision };
  }

  private async restore(current: McpServer, target: StoredRevision, manager: EntityManager, context: RestoreRevisionCommand['context']) {
    const { registration } = target;
    const { config, missing } = joinSealed(registration.config, target.sealedSecrets);
    const problems = [
      ...checkTransportRules(registration.transport, config),
      ...missing.map((field) => ({ field, messages: [`revision ${target.revision} kept no value for this secret`] })),
    ];
    if (problems.length > 0) {
      throw validationFailed(problems);
    }
    // The policy may have tightened since the revision was made: it applies to a restore as to an edit.
    const refusal = checkLaunchSafety(registration.transport, config, this.policy);
    if (refusal) {
      throw refusal;
    }
    const wanted: ServerChanges = { ...registration, config };
    const changed = (Object.keys(wanted) as (keyof ServerChanges)[]).some((field) => !isDeepStrictEqual(wanted[field], current[field]));
    if (!changed) {
      // Already equal: no new revision, nothing to record.
      return { before: current, after: current, revision: await this.revisions.latestNumber(current.id, manager) };
    }
    // The row is locked, so its version cannot have moved since it was read.
    const after = await this.servers.updateIfVersion(current.id, current.version, wanted, manager);
    if (!after) {
      throw serverNotFound(current.id);
    }
    const number = await this.revisions.append(revisionOf(current, after, 'restore', context, target.revision), manager);
    return { before: current, after, revision: number };
  }
}
