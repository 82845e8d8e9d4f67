import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { Audit, type CallContext, Caller, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import { ParseIdPipe } from '@mcp-fleet/api/shared/errors';
import type { ResourceSubscription, ResourceSubscriptionList } from '@mcp-fleet/shared/contracts';

import { SubscribeResourceCommand } from './commands/subscribe-resource/subscribe-resource.command';
import { UnsubscribeResourceCommand } from './commands/unsubscribe-resource/unsubscribe-resource.command';
import { ResourceSubscriptionDto } from './dto/resource-subscription.dto';
import { ListResourceSubscriptionsQuery } from './queries/list-resource-subscriptions/list-resource-subscriptions.query';

/**
 * Subscriptions to resources of a server: each change the server announces is a
 * `server.resource_updated` event (on the socket's `new_event` too). Kept across runs.
 */
@ApiTags('mcp features')
@Controller('mcp/servers/:id/resources/subscriptions')
export class ResourceSubscriptionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({ summary: 'The resources of a server the fleet subscribes to' })
  list(@Param('id', ParseIdPipe) id: string): Promise<ResourceSubscriptionList> {
    return this.queries.execute(new ListResourceSubscriptionsQuery(id));
  }

  @Post()
  @RequirePermissions('mcp:manage_servers')
  @Audit('server.resource_subscribe', 'server')
  @ApiOperation({
    summary: 'Subscribe to a resource: its changes become server.resource_updated events',
    description:
      'Renewed at every start. 409 RESOURCE_SUBSCRIBE_UNSUPPORTED when the server does not offer subscriptions, ' +
      '409 RESOURCE_SUBSCRIPTION_LIMIT past RESOURCE_SUBSCRIPTION_LIMITS.maxPerServer, 404 RESOURCE_NOT_FOUND when a running server refuses the URI.',
  })
  subscribe(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ResourceSubscriptionDto,
    @Caller() caller: CallContext,
  ): Promise<ResourceSubscription> {
    return this.commands.execute(new SubscribeResourceCommand(id, body.uri, caller));
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermissions('mcp:manage_servers')
  @Audit('server.resource_unsubscribe', 'server')
  @ApiOperation({ summary: 'Stop following a resource (idempotent)' })
  async unsubscribe(@Param('id', ParseIdPipe) id: string, @Query() query: ResourceSubscriptionDto): Promise<void> {
    await this.commands.execute(new UnsubscribeResourceCommand(id, query.uri));
  }
}
