export * from './lib/events-feature.module';
export * from './lib/export/event-export';
export * from './lib/gateway/events.gateway';
export * from './lib/retention/retention.service';
