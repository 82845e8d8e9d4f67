import { Module } from '@nestjs/common';

import { EventsDataAccessModule } from '@mcp-fleet/api/events/data-access';
import { RuntimeDataAccessModule } from '@mcp-fleet/api/runtime/data-access';

import { GatewayDispatcher } from './gateway-dispatch';
import { GatewayHttp } from './gateway-http';
import { GatewayInfoController } from './gateway-info.controller';
import { GatewaySessions } from './gateway-sessions';

/**
 * The MCP gateway: another front door onto the running servers (McpUpstream, provided by the
 * runtime), with its own authentication (the CredentialVerifier port), sessions and figures.
 */
@Module({
  imports: [RuntimeDataAccessModule, EventsDataAccessModule],
  controllers: [GatewayInfoController],
  providers: [GatewaySessions, GatewayDispatcher, GatewayHttp],
})
export class GatewayFeatureModule {}
