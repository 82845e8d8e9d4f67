import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import { AppConfig } from '@mcp-fleet/api/shared/config';
import { flattenValidationErrors, validationFailed } from '@mcp-fleet/api/shared/errors';
import type { RegisterServerRequest, RegistryImportResponse } from '@mcp-fleet/shared/contracts';

import { checkLaunchSafety } from '../../domain/launch-safety';
import { mapRegistryDocument, maskedRegistration, RegistryMappingError } from '../../domain/registry-mapping';
import { checkTransportRules, withDefaults } from '../../domain/server-config.rules';
import { RegisterServerDto } from '../../dto/register-server.dto';
import { RegisterServerCommand } from '../register-server/register-server.command';
import { ImportRegistryServerCommand } from './import-registry-server.command';

/**
 * Turns a `server.json` into a registration and hands it to the register command: the same
 * field rules, launch policy, transaction, revision, event and audit as any other create.
 */
@CommandHandler(ImportRegistryServerCommand)
export class ImportRegistryServerHandler implements ICommandHandler<ImportRegistryServerCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly policy: AppConfig,
  ) {}

  async execute({ document, params, context, dryRun }: ImportRegistryServerCommand): Promise<RegistryImportResponse> {
    let mapping: ReturnType<typeof mapRegistryDocument>;
    try {
      mapping = mapRegistryDocument(document, params);
    } catch (error) {
      if (error instanceof RegistryMappingError) throw validationFailed(error.problems);
      throw error;
    }
    const request = await this.checked(mapping.request);
    const answer = { registration: maskedRegistration(request), source: mapping.source, toFill: mapping.toFill };
    if (dryRun) {
      return { ...answer, server: null };
    }
    const server = await this.commands.execute(new RegisterServerCommand(request, context));
    return { ...answer, server };
  }

  /** The rules a `POST /api/mcp/servers` body meets, checked on the mapped one (a dry run included). */
  private async checked(request: RegisterServerRequest): Promise<RegisterServerRequest> {
    const dto = plainToInstance(RegisterServerDto, request);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    if (errors.length > 0) throw validationFailed(flattenValidationErrors(errors));
    const config = withDefaults(request.config);
    const problems = checkTransportRules(request.transport, config);
    if (problems.length > 0) throw validationFailed(problems);
    const refusal = checkLaunchSafety(request.transport, config, this.policy);
    if (refusal) throw refusal;
    return request;
  }
}
