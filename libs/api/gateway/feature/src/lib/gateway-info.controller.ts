import { Controller, Get, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { FleetDirectory } from '@mcp-fleet/api/runtime/data-access';
import { PRINCIPAL_KEY, type RequestWithPrincipal, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import { GATEWAY_PATH, GATEWAY_SEPARATOR, type GatewayInfo, gatewayServerPath, principalMayUse } from '@mcp-fleet/shared/contracts';

import { GatewayDispatcher } from './gateway-dispatch';
import { GatewaySessions } from './gateway-sessions';
import { LEGACY_VERSIONS, MODERN_VERSION } from './protocol';
import { publicOrigin } from './public-url';

/** What the console's Gateway page shows: the endpoints this caller may use, and the gateway's figures on this replica. */
@ApiTags('gateway')
@Controller('mcp/gateway')
export class GatewayInfoController {
  constructor(
    private readonly directory: FleetDirectory,
    private readonly dispatcher: GatewayDispatcher,
    private readonly sessions: GatewaySessions,
  ) {}

  @Get()
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({ summary: 'The MCP gateway: endpoint URLs (the fleet, each server) and its figures on this replica' })
  async info(@Req() request: FastifyRequest): Promise<GatewayInfo> {
    await this.directory.ready();
    const principal = (request as unknown as RequestWithPrincipal)[PRINCIPAL_KEY];
    const base = publicOrigin(request);
    const servers = [...this.directory.all()]
      .filter((entry) => !principal || principalMayUse(principal, entry.server.id))
      .sort((a, b) => a.server.name.localeCompare(b.server.name))
      .map((entry) => {
        const tools = entry.catalog?.tools ?? [];
        return {
          serverId: entry.server.id,
          name: entry.server.name,
          url: `${base}${gatewayServerPath(entry.server.name)}`,
          state: entry.server.state,
          tools: tools.length,
          enabledTools: tools.filter((tool) => !entry.disabledTools.has(String(tool['name']))).length,
        };
      });
    return {
      fleetUrl: `${base}${GATEWAY_PATH}`,
      servers,
      protocolVersions: [MODERN_VERSION, ...LEGACY_VERSIONS],
      separator: GATEWAY_SEPARATOR,
      figures: this.dispatcher.tally.figures(this.sessions.active),
    };
  }
}
