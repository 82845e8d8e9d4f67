export * from './lib/audit.repository';
export * from './lib/batch-writer';
export * from './lib/event-store.service';
export * from './lib/events-data-access.module';
export * from './lib/events.repository';
export * from './lib/new-records';
export * from './lib/audit-entry';
export * from './lib/live-feed.service';
