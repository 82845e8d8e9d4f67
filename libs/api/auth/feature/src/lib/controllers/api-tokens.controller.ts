import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal, RequirePermissions } from '@mcp-fleet/api/shared/authz';
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
  @ApiOperation({ summary: 'Create an API token; the value is shown in this response only' })
  create(@Body() body: CreateApiTokenDto, @CurrentPrincipal() principal: Principal): Promise<CreateApiTokenResponse> {
    return this.tokens.create(body, principal);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API token (idempotent)' })
  revoke(@Param('id', ParseIdPipe) id: string): Promise<ApiToken> {
    return this.tokens.revoke(id);
  }
}
