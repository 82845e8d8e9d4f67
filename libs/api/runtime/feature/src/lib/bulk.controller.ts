import { Body, Controller, Headers, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Audit, type CallContext, Caller, CurrentPrincipal, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import { validationFailed } from '@mcp-fleet/api/shared/errors';
import type { BulkOperation, BulkOperationResponse, Principal } from '@mcp-fleet/shared/contracts';

import { BulkOperationCommand } from './commands/bulk-operation/bulk-operation.command';
import { BulkOperationDto } from './dto/bulk-operation.dto';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

const bulkTarget = ({ result }: { result: unknown }) => {
  const response = result as Partial<BulkOperationResponse> | undefined;
  return { type: 'bulk_operation', id: response?.operationId ?? null, name: response ? `${response.total} servers` : null };
};

/** Static `bulk` segment: the router prefers it over the `:id` routes of single servers. */
@ApiTags('lifecycle')
@Controller('mcp/servers/bulk')
@RequirePermissions('mcp:manage_servers', 'mcp:bulk_operations')
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key (within 24 h) returns the first answer instead of running again',
})
export class BulkController {
  constructor(private readonly commands: CommandBus) {}

  @Post('start')
  @HttpCode(HttpStatus.OK)
  @Audit('server.bulk_start', 'bulk_operation', { target: bulkTarget })
  @ApiOperation({ summary: 'Start many servers; one result per server' })
  @ApiOkResponse({ description: 'BulkOperationResponse' })
  start(
    @Body() body: BulkOperationDto,
    @Caller() caller: CallContext,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ): Promise<BulkOperationResponse> {
    return this.run('start', body, caller, principal, key);
  }

  @Post('stop')
  @HttpCode(HttpStatus.OK)
  @Audit('server.bulk_stop', 'bulk_operation', { target: bulkTarget })
  @ApiOperation({ summary: 'Stop many servers; one result per server' })
  stop(
    @Body() body: BulkOperationDto,
    @Caller() caller: CallContext,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ): Promise<BulkOperationResponse> {
    return this.run('stop', body, caller, principal, key);
  }

  @Post('restart')
  @HttpCode(HttpStatus.OK)
  @Audit('server.bulk_restart', 'bulk_operation', { target: bulkTarget })
  @ApiOperation({ summary: 'Restart many servers; one result per server' })
  restart(
    @Body() body: BulkOperationDto,
    @Caller() caller: CallContext,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ): Promise<BulkOperationResponse> {
    return this.run('restart', body, caller, principal, key);
  }

  private run(
    operation: BulkOperation,
    body: BulkOperationDto,
    caller: CallContext,
    principal: Principal,
    key: string | undefined,
  ): Promise<BulkOperationResponse> {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw validationFailed([{ field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1-128 characters of A-Z a-z 0-9 . _ : -'] }]);
    }
    return this.commands.execute(new BulkOperationCommand(operation, body.serverIds, caller, key, principal.serverIds));
  }
}
