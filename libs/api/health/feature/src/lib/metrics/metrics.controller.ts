import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';

import { RequirePermissions } from '@mcp-fleet/api/shared/authz';

/**
 * `/metrics` in the Prometheus text format. Not public: series carry server names; a scraper
 * uses an API token holding only `mcp:view_events`.
 */
@ApiTags('metrics')
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  @RequirePermissions('mcp:view_events')
  @ApiOperation({ summary: 'Prometheus metrics (needs mcp:view_events; use an API token limited to it)' })
  @ApiProduces('text/plain; version=0.0.4')
  override index(@Res({ passthrough: true }) response: unknown): Promise<string> {
    return super.index(response);
  }
}
