import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { EventsDataAccessModule } from '@mcp-fleet/api/events/data-access';
import { ServersDataAccessModule } from '@mcp-fleet/api/servers/data-access';
import { KeyRing } from '@mcp-fleet/api/shared/config';
import { SecretBox } from '@mcp-fleet/api/shared/security';

import { DeleteServerHandler } from './commands/delete-server/delete-server.handler';
import { RegisterServerHandler } from './commands/register-server/register-server.handler';
import { UpdateServerHandler } from './commands/update-server/update-server.handler';
import { GetServerHandler } from './queries/get-server/get-server.handler';
import { ListPageCache } from './queries/list-servers/list-page-cache';
import { ListServersHandler } from './queries/list-servers/list-servers.handler';
import { LiveFiguresSnapshot } from './queries/list-servers/live-figures-snapshot';
import { ServersController } from './servers.controller';

@Module({
  imports: [CqrsModule, ServersDataAccessModule, EventsDataAccessModule],
  controllers: [ServersController],
  providers: [
    {
      provide: SecretBox,
      inject: [KeyRing],
      useFactory: (keys: KeyRing) => new SecretBox(keys.secretsKey),
    },
    ListPageCache,
    LiveFiguresSnapshot,
    RegisterServerHandler,
    UpdateServerHandler,
    DeleteServerHandler,
    GetServerHandler,
    ListServersHandler,
  ],
})
export class ServersFeatureModule {}
