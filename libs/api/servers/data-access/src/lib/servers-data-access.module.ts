import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { McpServerEntity } from './mcp-server.entity';
import { McpServerRepository } from './mcp-server.repository';

@Module({
  imports: [TypeOrmModule.forFeature([McpServerEntity])],
  providers: [McpServerRepository],
  exports: [McpServerRepository],
})
export class ServersDataAccessModule {}
