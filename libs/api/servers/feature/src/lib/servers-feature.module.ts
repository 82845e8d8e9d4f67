import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { EventsDataAccessModule } from '@mcp-fleet/api/events/data-access';
import { ServersDataAccessModule } from '@mcp-fleet/api/servers/data-access';
import { KeyRing } from '@mcp-fleet/api/shared/config';
import { SecretBox } from '@mcp-fleet/api/shared/security';

import { ApplyFleetHandler } from './commands/apply-fleet/apply-fleet.handler';
import { DeleteServerHandler } from './commands/delete-server/delete-server.handler';
import { ImportRegistryServerHandler } from './commands/import-registry-server/import-registry-server.handler';
import { RegisterServerHandler } from './commands/register-server/register-server.handler';
import { RestoreRevisionHandler } from './commands/restore-revision/restore-revision.handler';
import { UpdateServerHandler } from './commands/update-server/update-server.handler';
import { FleetController } from './fleet.controller';
import { ExportFleetHandler } from './queries/export-fleet/export-fleet.handler';
import { GetRevisionHandler } from './queries/get-revision/get-revision.handler';
import { GetServerHandler } from './queries/get-server/get-server.handler';
import { ListRevisionsHandler } from './queries/list-revisions/list-revisions.handler';
import { ListPageCache } from './queries/list-servers/list-page-cache';
import { ListServersHandler } from './queries/list-servers/list-servers.handler';
import { LiveFiguresSnapshot } from './queries/list-servers/live-figures-snapshot';
import { MatchServersHandler } from './queries/match-servers/match-servers.handler';
import { RevisionRetentionService } from './retention/revision-retention.service';
import { RevisionsController } from './revisions.controller';
import { ServersController } from './servers.controller';

@Module({
  imports: [CqrsModule, ServersDataAccessModule, EventsDataAccessModule],
  controllers: [ServersController, RevisionsController, FleetController],
  providers: [
    {
      provide: SecretBox,
      inject: [KeyRing],
      useFactory: (keys: KeyRing) => new SecretBox(keys.secretsKey),
    },
    ListPageCache,
    LiveFiguresSnapshot,
    RegisterServerHandler,
    ImportRegistryServerHandler,
    UpdateServerHandler,
    DeleteServerHandler,
    RestoreRevisionHandler,
    ApplyFleetHandler,
    ExportFleetHandler,
    GetServerHandler,
    ListServersHandler,
    MatchServersHandler,
    ListRevisionsHandler,
    GetRevisionHandler,
    RevisionRetentionService,
  ],
})
export class ServersFeatureModule {}
