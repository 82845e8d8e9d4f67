import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { Audit, type CallContext, Caller, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import { ParseIdPipe, validationFailed } from '@mcp-fleet/api/shared/errors';
import type {
  CatalogList,
  CatalogResourceTemplate,
  CompleteResponse,
  GetPromptResponse,
  ReadResourceResponse,
} from '@mcp-fleet/shared/contracts';

import { CompleteDto } from './dto/complete.dto';
import { GetPromptDto } from './dto/get-prompt.dto';
import { ReadResourceQueryDto } from './dto/read-resource.query.dto';
import { GetCatalogQuery } from './queries/get-catalog/get-catalog.query';
import { GetCompletionQuery } from './queries/get-completion/get-completion.query';
import { GetPromptQuery } from './queries/get-prompt/get-prompt.query';
import { GetResourceQuery } from './queries/get-resource/get-resource.query';
import { clientGone } from './upstream/client-gone';

/** Prompt names are the server's: any text without control characters, bounded. */
const PROMPT_NAME = /^[^\p{Cc}]{1,256}$/u;

/**
 * What a running server offers beyond tools: resource templates, resource reads, prompts and
 * argument completion. Reads go where the server runs (forwarded to its owner), need the same
 * permission as a tool call through REST, and a token limited to some servers reaches only
 * those (the guard checks every `:id` route).
 */
@ApiTags('mcp features')
@Controller('mcp/servers/:id')
export class McpFeaturesController {
  constructor(private readonly queries: QueryBus) {}

  @Get('resource-templates')
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({ summary: 'Resource templates the server reported on its last start' })
  resourceTemplates(@Param('id', ParseIdPipe) id: string): Promise<CatalogList<CatalogResourceTemplate>> {
    return this.queries.execute(new GetCatalogQuery(id, 'resourceTemplates')) as Promise<CatalogList<CatalogResourceTemplate>>;
  }

  @Get('resources/read')
  @RequirePermissions('mcp:manage_servers')
  @ApiOperation({
    summary: 'Read a resource of a running server (text, or base64 blob), each content with its size',
    description:
      'Audited (server.resource_read, the URI, never the contents). 404 RESOURCE_NOT_FOUND when the server has nothing at the URI; ' +
      '413 RESOURCE_TOO_LARGE past RESOURCE_READ_LIMITS.maxBytes (5 MiB).',
  })
  @ApiOkResponse({ description: 'ReadResourceResponse' })
  readResource(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: ReadResourceQueryDto,
    @Caller() caller: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReadResourceResponse> {
    return this.queries.execute(new GetResourceQuery(id, query.uri, caller, clientGone(reply.raw)));
  }

  @Post('prompts/:name/get')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions('mcp:manage_servers')
  @Audit('server.prompt_get', 'server', {
    target: ({ params }) => ({ type: 'server', id: params['id'] ?? null, name: params['name'] ?? null }),
    batched: true,
  })
  @ApiOperation({
    summary: 'Get a prompt of a running server with its arguments filled in',
    description: '404 PROMPT_NOT_FOUND for a prompt the server did not list; 400 MCP_INVALID_PARAMS when it refuses the arguments.',
  })
  @ApiOkResponse({ description: 'GetPromptResponse' })
  getPrompt(
    @Param('id', ParseIdPipe) id: string,
    @Param('name') name: string,
    @Body() body: GetPromptDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GetPromptResponse> {
    if (!PROMPT_NAME.test(name)) {
      throw validationFailed([{ field: 'name', messages: ['name must be 1-256 characters without control characters'] }]);
    }
    return this.queries.execute(new GetPromptQuery(id, name, body.arguments ?? {}, clientGone(reply.raw)));
  }

  @Post('complete')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions('mcp:manage_servers')
  @Audit('server.completion', 'server', {
    target: ({ params, body }) => ({ type: 'server', id: params['id'] ?? null, name: refName(body) }),
    batched: true,
  })
  @ApiOperation({ summary: 'Values the server suggests for one argument of a prompt or a resource template' })
  @ApiOkResponse({ description: 'CompleteResponse' })
  complete(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CompleteDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompleteResponse> {
    return this.queries.execute(new GetCompletionQuery(id, body, clientGone(reply.raw)));
  }
}

/** The prompt or template completed for: its name, never the values typed. */
function refName(body: unknown): string | null {
  const ref = (body as { ref?: Record<string, unknown> } | undefined)?.ref;
  const name = ref?.['name'] ?? ref?.['uri'];
  return typeof name === 'string' ? name : null;
}
