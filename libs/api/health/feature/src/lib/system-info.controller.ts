import { statfs } from 'node:fs/promises';
import { availableParallelism, freemem, loadavg, totalmem } from 'node:os';

import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { LiveFiguresRepository } from '@mcp-fleet/api/servers/data-access';
import { Authenticated } from '@mcp-fleet/api/shared/authz';
import { API_VERSION, AppConfig } from '@mcp-fleet/api/shared/config';
import type { SystemInfo } from '@mcp-fleet/shared/contracts';

@ApiTags('health')
@Controller('system-info')
export class SystemInfoController {
  constructor(
    private readonly servers: LiveFiguresRepository,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'This instance: version, uptime, CPU, memory, disk of DATA_DIR, servers by state' })
  @ApiOkResponse({ description: 'SystemInfo' })
  async info(): Promise<SystemInfo> {
    const memory = process.memoryUsage();
    const disk = await statfs(this.config.dataDir).catch(() => undefined);
    const byState = await this.servers.countByState();
    return {
      version: API_VERSION,
      instanceId: this.config.instanceId,
      uptimeSeconds: Math.round(process.uptime()),
      node: process.version,
      database: this.config.embeddedDatabase ? 'embedded' : 'external',
      cpu: { cores: availableParallelism(), loadAverage: loadavg().map((load) => Math.round(load * 100) / 100) },
      memory: { totalBytes: totalmem(), freeBytes: freemem(), processRssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
      disk: disk ? { path: this.config.dataDir, totalBytes: disk.blocks * disk.bsize, freeBytes: disk.bavail * disk.bsize } : null,
      servers: { total: Object.values(byState).reduce((sum, count) => sum + count, 0), byState },
    };
  }
}
