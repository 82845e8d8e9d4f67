import { Module } from '@nestjs/common';

import { AuditRepository } from './audit.repository';
import { EventStore } from './event-store.service';
import { EventsRepository } from './events.repository';
import { LiveFeed } from './live-feed.service';

@Module({
  providers: [EventsRepository, AuditRepository, EventStore, LiveFeed],
  exports: [EventsRepository, AuditRepository, EventStore, LiveFeed],
})
export class EventsDataAccessModule {}
