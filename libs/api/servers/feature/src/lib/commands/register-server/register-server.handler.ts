import { randomUUID } from 'node:crypto';

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { McpServerRepository, SERVER_NAME_UNIQUE_INDEX, ServerRevisionsRepository } from '@mcp-fleet/api/servers/data-access';
import { sealSecrets } from '@mcp-fleet/api/servers/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { isUniqueViolation } from '@mcp-fleet/api/shared/database';
import { validationFailed } from '@mcp-fleet/api/shared/errors';
import { SecretBox } from '@mcp-fleet/api/shared/security';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { checkLaunchSafety } from '../../domain/launch-safety';
import { newServer } from '../../domain/new-server';
import { toPublicServer } from '../../domain/public-server';
import { revisionOf } from '../../domain/revision-records';
import { checkTransportRules, withDefaults } from '../../domain/server-config.rules';
import { serverNameTaken } from '../../domain/server-errors';
import { serverRegisteredRecord } from '../../domain/server-event-records';
import { RegisterServerCommand } from './register-server.command';

@CommandHandler(RegisterServerCommand)
export class RegisterServerHandler implements ICommandHandler<RegisterServerCommand> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly policy: AppConfig,
    private readonly secrets: SecretBox,
    private readonly store: EventStore,
    private readonly revisions: ServerRevisionsRepository,
  ) {}

  async execute({ request, context }: RegisterServerCommand): Promise<McpServer> {
    const config = withDefaults(request.config);
    const problems = checkTransportRules(request.transport, config);
    if (problems.length > 0) {
      throw validationFailed(problems);
    }
    const refusal = checkLaunchSafety(request.transport, config, this.policy);
    if (refusal) {
      throw refusal;
    }
    const id = randomUUID();
    const sealed = sealSecrets(config, undefined, this.secrets, id);
    if (sealed.problems.length > 0) {
      throw validationFailed(sealed.problems);
    }
    let server: McpServer;
    try {
      // The server and its first revision, or neither.
      const stored = await this.servers.transaction(async (manager) => {
        const inserted = await this.servers.insert(newServer(id, request, withDefaults(sealed.config)), manager);
        await this.revisions.append(revisionOf(null, inserted, 'create', context), manager);
        return inserted;
      });
      server = toPublicServer(stored);
    } catch (error) {
      if (isUniqueViolation(error, SERVER_NAME_UNIQUE_INDEX)) {
        throw serverNameTaken(request.name);
      }
      throw error;
    }
    // Committed to the event store before the caller (or any listener) hears of it.
    await this.store.append(serverRegisteredRecord(server, context));
    return server;
  }
}
