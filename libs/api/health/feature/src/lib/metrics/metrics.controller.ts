import { Controller, Get, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';

import { McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import { CurrentPrincipal, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import type { Principal } from '@mcp-fleet/shared/contracts';

import { scopedExposition } from './scoped-exposition';

/**
 * `/metrics` in the Prometheus text format. Not public: series carry server names; a scraper
 * uses an API token holding only `mcp:view_events`. A token limited to some servers sees only
 * their series (and those about no server).
 */
@ApiTags('metrics')
@Controller()
export class MetricsController extends PrometheusController {
  // Declared by the Prometheus module, which imports none of ours: the repository is looked up.
  constructor(private readonly moduleRef: ModuleRef) {
    super();
  }

  @Get()
  @RequirePermissions('mcp:view_events')
  @ApiOperation({ summary: 'Prometheus metrics (needs mcp:view_events; use an API token limited to it)' })
  @ApiProduces('text/plain; version=0.0.4')
  override async index(@Res({ passthrough: true }) response: unknown, @CurrentPrincipal() reader?: Principal): Promise<string> {
    const text = await super.index(response);
    if (reader?.serverIds === undefined) {
      return text;
    }
    const servers = await this.moduleRef.get(McpServerRepository, { strict: false }).findByIds(reader.serverIds);
    return scopedExposition(text, new Set(servers.map((server) => server.name)));
  }
}
