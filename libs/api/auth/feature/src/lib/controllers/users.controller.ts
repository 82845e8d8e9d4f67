import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { Audit, type CallContext, Caller, CurrentPrincipal, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import { ParseIdPipe } from '@mcp-fleet/api/shared/errors';
import type { Principal, User } from '@mcp-fleet/shared/contracts';

import { CreateUserDto, ResetPasswordDto, UpdateUserDto } from '../dto/auth.dto';
import { UsersService } from '../services/users.service';

@ApiTags('users')
@Controller('mcp/users')
@RequirePermissions('mcp:admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users' })
  list(): Promise<User[]> {
    return this.users.list();
  }

  @Post()
  @Audit('user.create', 'user')
  @ApiOperation({ summary: 'Create a user' })
  create(@Body() body: CreateUserDto, @CurrentPrincipal() principal: Principal, @Caller() caller: CallContext): Promise<User> {
    return this.users.create(body, caller, principal);
  }

  @Patch(':id')
  @Audit('user.update', 'user')
  @ApiOperation({ summary: 'Change display name, role or disabled (never the last active admin)' })
  update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateUserDto,
    @CurrentPrincipal() principal: Principal,
    @Caller() caller: CallContext,
  ): Promise<User> {
    return this.users.update(id, body, caller, principal);
  }

  @Post(':id/reset-password')
  @Audit('user.reset_password', 'user')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Set a new password; signs the user out everywhere' })
  resetPassword(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ResetPasswordDto,
    @CurrentPrincipal() principal: Principal,
    @Caller() caller: CallContext,
  ): Promise<void> {
    return this.users.resetPassword(id, body.password, caller, principal);
  }
}
