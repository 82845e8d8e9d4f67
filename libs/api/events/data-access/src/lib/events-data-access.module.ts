import { Module } from '@nestjs/common';

import { AuditRepository } from './audit.repository';
import { EventStore } from './event-store.service';
import { EventTail } from './event-tail.service';
import { EventsRepository } from './events.repository';
import { LiveFeed } from './live-feed.service';
import { LiveRelay } from './live-relay.service';

@Module({
  providers: [EventsRepository, AuditRepository, EventStore, EventTail, LiveFeed, LiveRelay],
  exports: [EventsRepository, AuditRepository, EventStore, EventTail, LiveFeed],
})
export class EventsDataAccessModule {}
