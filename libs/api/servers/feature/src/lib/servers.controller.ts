import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { Audit, type CallContext, Caller, CurrentPrincipal, NotAudited, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import { ParseIdPipe } from '@mcp-fleet/api/shared/errors';
import {
  type McpServer,
  type McpServerDetail,
  type Principal,
  type RegistryImportResponse,
  type ServerSelection,
  type UpdateServerResponse,
} from '@mcp-fleet/shared/contracts';

import { type DeletedServer, DeleteServerCommand } from './commands/delete-server/delete-server.command';
import { ImportRegistryServerCommand } from './commands/import-registry-server/import-registry-server.command';
import { RegisterServerCommand } from './commands/register-server/register-server.command';
import { UpdateServerCommand } from './commands/update-server/update-server.command';
import { ListServersQueryDto, ServerFilterQueryDto } from './dto/list-servers.query.dto';
import { RegisterServerDto } from './dto/register-server.dto';
import { RegistryImportQueryDto } from './dto/registry-import.query.dto';
import { RegistryImportResponseDto } from './dto/registry-import.response.dto';
import { ApiErrorDto, McpServerDetailDto, McpServerDto, McpServerPageDto, ServerSelectionDto } from './dto/server.response.dto';
import { UpdateServerDto } from './dto/update-server.dto';
import { GetServerQuery } from './queries/get-server/get-server.query';
import { ListServersQuery } from './queries/list-servers/list-servers.query';
import { MatchServersQuery } from './queries/match-servers/match-servers.query';

@ApiTags('servers')
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'VALIDATION_FAILED, INVALID_ID or INVALID_JSON' })
@Controller('mcp/servers')
export class ServersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({ summary: 'List servers with filters, search, sort and pagination' })
  @ApiOkResponse({ type: McpServerPageDto })
  async list(
    @Query() query: ListServersQueryDto,
    @CurrentPrincipal() reader: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { json } = await this.queries.execute(new ListServersQuery(query, reader.serverIds));
    void reply.type('application/json; charset=utf-8');
    return json;
  }

  @Get('matching')
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({
    summary: 'Every server a filter matches, id and name (for "select all N matching")',
    description: 'The filters of the list. At most as many servers as one bulk operation takes; more are refused.',
  })
  @ApiOkResponse({ type: ServerSelectionDto })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'TOO_MANY_MATCHES' })
  matching(@Query() query: ServerFilterQueryDto, @CurrentPrincipal() reader: Principal): Promise<ServerSelection> {
    return this.queries.execute(new MatchServersQuery(query, reader.serverIds));
  }

  @Post()
  @RequirePermissions('mcp:configure_servers')
  @Audit('server.register', 'server')
  @ApiOperation({ summary: 'Register a server (it starts out stopped)' })
  @ApiCreatedResponse({ type: McpServerDto, description: 'Location header points at the new server' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'SERVER_NAME_TAKEN' })
  async register(
    @Body() body: RegisterServerDto,
    @Caller() caller: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<McpServer> {
    const server = await this.commands.execute(new RegisterServerCommand(body, caller));
    void reply.header('location', `/api/mcp/servers/${server.id}`);
    return server;
  }

  @Post('import/registry')
  @RequirePermissions('mcp:configure_servers')
  @Audit('server.register', 'server', {
    target: ({ result }) => {
      const server = (result as RegistryImportResponse | undefined)?.server;
      return server ? { type: 'server', id: server.id, name: server.name } : null;
    },
  })
  @ApiOperation({ summary: 'Register a server from an MCP Registry server.json (docs/configuration.md, "Registry import")' })
  @ApiBody({ schema: { type: 'object', description: 'A server.json (MCP Registry schema 2025-12-11)' } })
  @ApiCreatedResponse({ type: RegistryImportResponseDto, description: 'Location header points at the new server' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'SERVER_NAME_TAKEN' })
  async importRegistry(
    @Body() document: unknown,
    @Query() query: RegistryImportQueryDto,
    @Caller() caller: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegistryImportResponse> {
    const result = await this.commands.execute(new ImportRegistryServerCommand(document, query, caller, false));
    void reply.header('location', `/api/mcp/servers/${result.server?.id}`);
    return result;
  }

  @Post('import/registry/preview')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions('mcp:configure_servers')
  @NotAudited('writes nothing: it shows what the import would register')
  @ApiOperation({ summary: 'What a server.json would register, checked as an import is, without writing' })
  @ApiBody({ schema: { type: 'object', description: 'A server.json (MCP Registry schema 2025-12-11)' } })
  @ApiOkResponse({ type: RegistryImportResponseDto, description: '`server` is null' })
  previewRegistryImport(
    @Body() document: unknown,
    @Query() query: RegistryImportQueryDto,
    @Caller() caller: CallContext,
  ): Promise<RegistryImportResponse> {
    return this.commands.execute(new ImportRegistryServerCommand(document, query, caller, true));
  }

  @Get(':id')
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({ summary: 'Get one server' })
  @ApiOkResponse({ type: McpServerDetailDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'SERVER_NOT_FOUND' })
  get(@Param('id', ParseIdPipe) id: string): Promise<McpServerDetail> {
    return this.queries.execute(new GetServerQuery(id));
  }

  @Patch(':id')
  @RequirePermissions('mcp:configure_servers')
  @Audit('server.update', 'server')
  @ApiOperation({ summary: 'Partially update a server (send the version you last read)' })
  @ApiOkResponse({ type: McpServerDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'SERVER_NOT_FOUND' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'VERSION_CONFLICT or SERVER_NAME_TAKEN' })
  update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateServerDto,
    @Caller() caller: CallContext,
  ): Promise<UpdateServerResponse> {
    return this.commands.execute(new UpdateServerCommand(id, body, caller));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermissions('mcp:configure_servers')
  @Audit('server.delete', 'server')
  @ApiOperation({ summary: 'Remove a stopped server' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'SERVER_NOT_FOUND' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'SERVER_NOT_STOPPED' })
  // A 204 carries no body (Fastify drops it); the returned name only feeds the audit row.
  remove(@Param('id', ParseIdPipe) id: string, @Caller() caller: CallContext): Promise<DeletedServer> {
    return this.commands.execute(new DeleteServerCommand(id, caller));
  }
}
