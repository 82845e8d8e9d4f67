import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Audit, type CallContext, Caller, CurrentPrincipal, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import { ParseIdPipe } from '@mcp-fleet/api/shared/errors';
import type { Principal, UndoOperationResponse } from '@mcp-fleet/shared/contracts';

import { UndoOperationCommand } from './commands/undo-operation/undo-operation.command';

const undoTarget = ({ params, result }: { params: Record<string, string>; result: unknown }) => {
  const response = result as Partial<UndoOperationResponse> | undefined;
  return { type: 'operation', id: params['operationId'] ?? null, name: response?.operationId ? `undone by ${response.operationId}` : null };
};

/** Operations of lifecycle commands and bulk operations: what was done, to be undone. */
@ApiTags('lifecycle')
@Controller('mcp/operations')
export class OperationsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':operationId/undo')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions('mcp:manage_servers')
  @Audit('operation.undo', 'operation', { target: undoTarget })
  @ApiOperation({
    summary:
      'Put every server of a lifecycle command or bulk operation back to its desired state before it; a server changed since is a conflict. Undoing an operation that changed several servers is a bulk operation: it also needs mcp:bulk_operations',
  })
  @ApiOkResponse({ description: 'UndoOperationResponse' })
  undo(
    @Param('operationId', ParseIdPipe) operationId: string,
    @Caller() caller: CallContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UndoOperationResponse> {
    return this.commands.execute(new UndoOperationCommand(operationId, caller, principal));
  }
}
