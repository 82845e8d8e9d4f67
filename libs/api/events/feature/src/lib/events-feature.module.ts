import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';

import { EventsDataAccessModule } from '@mcp-fleet/api/events/data-access';

import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit/audit.interceptor';
import { EventsController } from './events.controller';
import { EventsGateway } from './gateway/events.gateway';
import { ListAuditHandler } from './queries/list-audit/list-audit.handler';
import { ListEventsHandler } from './queries/list-events/list-events.handler';
import { RetentionService } from './retention/retention.service';
import { SnapshotSeqInterceptor } from './snapshot-seq/snapshot-seq.interceptor';

@Module({
  imports: [CqrsModule, EventsDataAccessModule],
  controllers: [EventsController, AuditController],
  providers: [
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
    { provide: APP_INTERCEPTOR, useClass: SnapshotSeqInterceptor },
    ListEventsHandler,
    ListAuditHandler,
    RetentionService,
    EventsGateway,
  ],
  exports: [RetentionService, EventsGateway],
})
export class EventsFeatureModule {}
