import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { Audit, type AuditedTarget, type CallContext, Caller, CurrentPrincipal, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import { ParseIdPipe } from '@mcp-fleet/api/shared/errors';
import type { ApiToken, CreateApiTokenResponse, Principal } from '@mcp-fleet/shared/contracts';

import { CreateApiTokenDto } from '../dto/auth.dto';
import { ApiTokensService } from '../services/api-tokens.service';

@ApiTags('api-tokens')
@Controller('mcp/api-tokens')
@RequirePermissions('mcp:admin')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOperation({ summary: 'List API tokens (never their values)' })
  list(): Promise<ApiToken[]> {
    return this.tokens.list();
  }

  @Post()
  @Audit('api_token.create', 'api_token', { target: ({ result }) => apiTokenTarget(result) })
  @ApiOperation({ summary: 'Create an API token; the value is shown in this response only' })
  create(
    @Body() body: CreateApiTokenDto,
    @CurrentPrincipal() principal: Principal,
    @Caller() caller: CallContext,
  ): Promise<CreateApiTokenResponse> {
    return this.tokens.create(body, principal, caller);
  }

  @Delete(':id')
  @Audit('api_token.revoke', 'api_token')
  @ApiOperation({ summary: 'Revoke an API token (idempotent)' })
  revoke(@Param('id', ParseIdPipe) id: string, @Caller() caller: CallContext): Promise<ApiToken> {
    return this.tokens.revoke(id, caller);
  }
}

/** The token's id and name from a create response (never the token value). */
function apiTokenTarget(result: unknown): AuditedTarget | null {
  const created = result as Partial<CreateApiTokenResponse> | undefined;
  return created?.apiToken
    ? { type: 'api_token', id: created.apiToken.id, name: created.apiToken.name }
    : { type: 'api_token', id: null, name: null };
}
