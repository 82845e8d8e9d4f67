import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { LiveFiguresRepository } from './live-figures.repository';
import { McpServerEntity } from './mcp-server.entity';
import { McpServerRepository } from './mcp-server.repository';
import { ServerRevisionsRepository } from './server-revisions.repository';

@Module({
  imports: [TypeOrmModule.forFeature([McpServerEntity])],
  providers: [McpServerRepository, LiveFiguresRepository, ServerRevisionsRepository],
  exports: [McpServerRepository, LiveFiguresRepository, ServerRevisionsRepository],
})
export class ServersDataAccessModule {}
