import { Module } from '@nestjs/common';

import { AuditRepository } from './audit.repository';
import { EventStore } from './event-store.service';
import { EventsRepository } from './events.repository';

@Module({
  providers: [EventsRepository, AuditRepository, EventStore],
  exports: [EventsRepository, AuditRepository, EventStore],
})
export class EventsDataAccessModule {}
